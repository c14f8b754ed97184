using System.Net;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Platform;

/// <summary>
/// The built app started as a service manager starts it: <c>dotnet /opt/…/Cartero.dll</c> from <c>/</c>, and the
/// operator verbs as a person types them, from a folder that is not the app's.
/// </summary>
public sealed class RunningAsAServiceTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cartero-servicio-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dictionary<string, string> Environment => new() { ["Cartero__DataDirectory"] = _data };

    [Fact]
    public async Task Started_from_the_root_folder_it_serves_its_css_and_icon_and_reads_its_appsettings()
    {
        await using (var app = await CarteroProcess.StartAsync(Environment, Ct, workingDirectory: "/"))
        {
            using var http = new HttpClient { BaseAddress = app.Address };
            var css = await http.GetAsync("/css/cartero.css", Ct);
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.Contains("--primario", await css.Content.ReadAsStringAsync(Ct));
            var icon = await http.GetAsync("/favicon.ico", Ct);
            Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
            Assert.Equal((byte[])[0, 0, 1, 0], (await icon.Content.ReadAsByteArrayAsync(Ct))[..4]);
            Assert.Contains("favicon.svg", await http.GetStringAsync("/cuenta/ingresar", Ct));
            (await http.GetAsync("/health", Ct)).EnsureSuccessStatusCode();
        }

        // appsettings.json lowers EF Core to warnings; without it every SQL command would be logged.
        var log = await File.ReadAllTextAsync(Directory.GetFiles(_data, "process-*.log").Single(), Ct);
        Assert.DoesNotContain("Executed DbCommand", log, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/data"), "los datos van a Cartero:DataDirectory, no a la raíz");
    }

    [Fact]
    public async Task An_operator_verb_prints_only_its_own_output()
    {
        var (exit, output, error) = await CarteroProcess.RunAsync(Environment, "/", Ct, "apikey", "create", "--name", "erp");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("info:", StringComparison.Ordinal) || l.StartsWith("warn:", StringComparison.Ordinal));
        Assert.DoesNotContain("DbCommand", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("migraciones", output, StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("crt_", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sri_verbs_never_create_or_migrate_a_database()
    {
        var (exit, output, _) = await CarteroProcess.RunAsync(Environment, "/", Ct, "sri", "clave", "2110201101179214673900110020010000000011234567813");

        Assert.Equal(0, exit);
        Assert.Contains("1792146739001", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "cartero.db")), "«sri clave» creó una base de datos");
        Assert.Empty(Directory.GetFiles(_data, "*.db*", SearchOption.AllDirectories));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A log line still being flushed by a process that just ended; the temp folder is cleaned later.
        }
    }
}
