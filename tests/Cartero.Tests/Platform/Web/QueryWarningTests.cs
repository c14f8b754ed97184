using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Platform.Web;

/// <summary>Start-up, <c>demo seed</c> and the first pages log no EF Core "First/FirstOrDefault without OrderBy" warning.</summary>
public sealed class QueryWarningTests() : AppTestBase(null)
{
    [Fact]
    public async Task Demo_seed_and_the_first_pages_log_no_unordered_first_warning()
    {
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Query"] = "Warning" });
        Assert.Equal(0, await CliModule.RunAsync(app.Services, ["demo", "seed"], new StringWriter(), new StringWriter()));
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Gerente, "gerente-prueba@optica.ec");
        foreach (var page in new[] { "/correos", "/tienda/ventas", "/tienda/pedidos", "/estadisticas" })
        {
            await admin.GetStringAsync(page);
        }

        var log = File.Exists(app.LogFile) ? await File.ReadAllTextAsync(app.LogFile, Ct) : "";
        Assert.DoesNotContain("'First'/'FirstOrDefault'", log, StringComparison.Ordinal);
        Assert.DoesNotContain("without 'OrderBy'", log, StringComparison.Ordinal);
    }
}
