using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Platform;

/// <summary>
/// A SQLite database that cannot be written (file made immutable with <c>chattr +i</c>, which binds root too) or a
/// data folder whose disk is full (a small tmpfs): enqueue answers 503 with <c>Retry-After</c>, nothing is stored, no
/// <c>.tmp</c> is left, <c>/health</c> is Unhealthy; once the fault is gone, the same process enqueues and sends.
/// </summary>
public sealed class SqliteDatabaseFaultTests() : AppTestBase(null)
{
    private static readonly Dictionary<string, string?> Worker = new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
    };

    [Fact]
    public async Task A_read_only_database_answers_503_and_sending_resumes_when_it_is_writable_again()
    {
        var app = await NewAppAsync(Worker);
        var client = await app.CreateApiClientAsync();
        var health = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/health", Ct)).StatusCode);
        // Not the -shm: SQLite maps it into memory, and an immutable mapped page kills the process (SIGBUS).
        var files = new[] { "", "-wal" }.Select(s => Path.Combine(app.DataDirectory, "cartero.db") + s).Where(File.Exists).ToArray();
        Assert.NotEmpty(files);

        await SetImmutableAsync(files, true);
        try
        {
            // Connections opened before the change keep their write handles; new ones open the file as it is now.
            SqliteConnection.ClearAllPools();

            var single = await client.PostAsJsonAsync("/api/v1/emails", Body("ana@correo.ec", attachment: true), Ct);
            var batch = await client.PostAsJsonAsync("/api/v1/emails/batch", new JsonObject { ["emails"] = new JsonArray(Body("luis@correo.ec", attachment: false)) }, Ct);
            var report = await health.GetAsync("/health", Ct);

            await AssertUnavailableAsync(single);
            await AssertUnavailableAsync(batch);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
            var checks = (await report.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
            Assert.Equal("Unhealthy", (string?)checks["checks"]!["base_de_datos"]!["status"]);
        }
        finally
        {
            await SetImmutableAsync(files, false);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
        Assert.Empty(TempFiles(app));
        var again = await client.PostAsJsonAsync("/api/v1/emails", Body("ana@correo.ec", attachment: true), Ct);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var id = Guid.Parse((string)(await again.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
        var sent = await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct)),
            e => e.Status is EmailStatus.Enviado or EmailStatus.Fallido,
            "el correo encolado después de la falla se envía");
        Assert.Equal(EmailStatus.Enviado, sent.Status);
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/health", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_full_disk_answers_503_leaves_no_temporary_file_and_enqueue_works_once_space_is_freed()
    {
        var data = Directory.CreateTempSubdirectory("cartero-full-").FullName;
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", data);
        try
        {
            var app = await NewAppAsync(dataDirectory: data);
            var client = await app.CreateApiClientAsync();
            // Fill what is left; a little space stays for nothing, so the attachment write fails partway.
            var filler = Path.Combine(data, "relleno");
            await FillAsync(filler);

            var response = await client.PostAsJsonAsync("/api/v1/emails", Body("ana@correo.ec", attachment: true, size: 256 * 1024), Ct);

            await AssertUnavailableAsync(response);
            Assert.Empty(TempFiles(app));
            File.Delete(filler);
            Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
            var again = await client.PostAsJsonAsync("/api/v1/emails", Body("ana@correo.ec", attachment: true, size: 256 * 1024), Ct);
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            await app.DisposeAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await RunAsync("umount", "-l", data);
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(503, (int?)problem["status"]);
        Assert.Contains("Vuelva a intentar", (string?)problem["detail"]);
    }

    private static string[] TempFiles(CarteroAppFactory app)
    {
        var attachments = Path.Combine(app.DataDirectory, "attachments");
        return Directory.Exists(attachments) ? Directory.GetFiles(attachments, "*.tmp", SearchOption.AllDirectories) : [];
    }

    private static JsonObject Body(string to, bool attachment, int size = 64)
    {
        var body = new JsonObject
        {
            ["type"] = "aviso_administrativo",
            ["to"] = new JsonObject { ["address"] = to, ["kind"] = "cliente" },
            ["subject"] = "Su factura electrónica",
            ["text"] = "Adjuntamos su factura.",
        };
        if (attachment)
        {
            var pdf = new byte[size];
            "%PDF-1.4\n"u8.CopyTo(pdf);
            Random.Shared.NextBytes(pdf.AsSpan(9));
            body["attachments"] = new JsonArray(new JsonObject
            {
                ["fileName"] = "RIDE-001-001-000000123.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(pdf),
            });
        }

        return body;
    }

    private static async Task FillAsync(string path)
    {
        var chunk = new byte[64 * 1024];
        try
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            while (true)
            {
                await file.WriteAsync(chunk, Ct);
            }
        }
        catch (IOException)
        {
            // The disk is full.
        }
    }

    private static Task SetImmutableAsync(string[] files, bool on) => RunAsync("chattr", [on ? "+i" : "-i", .. files]);

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {error}");
    }
}
