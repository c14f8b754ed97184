using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>
/// Every panel page an admin opens, on a database filled by <c>demo seed</c>, at 1280 px and at 390 px: no serious or
/// critical axe violation, no CSP violation, every menu and account link visible and whole inside the window, and
/// no page wider than the window (wide tables scroll inside their wrapper).
/// </summary>
public sealed class PanelLayoutBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "una-clave-bastante-larga";
    private const string Admin = "recorrido-admin@optica.ec";

    /// <summary>Pages left out, each with the reason: the walk signs in as admin and must not sign out or change roles.</summary>
    private static readonly Dictionary<string, string> NotWalked = new(PanelWalk.NeverWalked)
    {
        ["/mis-correos"] = "solo para clientes",
        ["/mis-datos"] = "solo para clientes (revisado por CustomerBrowserTests)",
    };

    private readonly CarteroAppFactory _app = new(kestrel: true);
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CspViolations _csp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_panel_page_passes_axe_and_keeps_its_menu_readable_at_1280_and_390_px()
    {
        Assert.Equal(0, await CliModule.RunAsync(_app.Services, ["demo", "seed"], new StringWriter(), new StringWriter()));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = Admin, Email = Admin, EmailConfirmed = true, FullName = "Recorrido", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, CarteroRoles.Admin);
        }

        var pages = await PanelWalk.PagesAsync(_app, NotWalked);
        await PanelWalk.SignInAsync(_page, _app.ServerAddress, Admin, Password);

        var problems = new List<string>();
        foreach (var width in new[] { 1280, 390 })
        {
            await _page.SetViewportSizeAsync(width, 900);
            foreach (var path in pages)
            {
                var response = await _page.GotoAsync(Url(path));
                var where = $"{path} a {width} px";
                // The error pages answer their own status by design.
                var expected = path == "/no-existe" ? 404 : path == "/cuenta/acceso-denegado" ? 403 : path.StartsWith("/cuenta/estado/", StringComparison.Ordinal) ? int.Parse(path[^3..], System.Globalization.CultureInfo.InvariantCulture) : 200;
                if (response is null || response.Status != expected)
                {
                    problems.Add($"{where}: respondió {response?.Status}");
                    continue;
                }

                problems.AddRange(await PanelWalk.ProblemsAsync(_page, _csp, where));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private string Url(string path) => new Uri(_app.ServerAddress, path).ToString();

    public async ValueTask InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "es-EC", TimezoneId = "America/Guayaquil" });
        _page = await _context.NewPageAsync();
        _csp = await CspViolations.WatchAsync(_context, _page);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _app.DisposeAsync();
    }
}
