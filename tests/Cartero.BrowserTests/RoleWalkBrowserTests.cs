using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>
/// The walk of <see cref="PanelLayoutBrowserTests"/> as each of the other roles, signed in as the people
/// <c>demo seed</c> creates: every page either opens (200, checked with axe, CSP and layout at 1280 px and 390 px) or
/// answers the Spanish "Acceso denegado" page (403), never anything else; every link of the role's menu opens; and
/// what DESIGN §5 gives or denies the role is what the pages do.
/// </summary>
public sealed class RoleWalkBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>Pages left out, each with the reason.</summary>
    private static readonly IReadOnlyDictionary<string, string> NotWalked = PanelWalk.NeverWalked;

    /// <summary>What DESIGN §5 says each role may open (200) and may not (403); the walk checks every other page too.</summary>
    public static TheoryData<string, string[], string[]> Roles => new()
    {
        { CarteroRoles.Gerente, ["/correos", "/estadisticas", "/configuracion/correo"], ["/usuarios", "/claves-api"] },
        { CarteroRoles.Soporte, ["/correos", "/configuracion/correo", "/auditoria"], ["/usuarios", "/claves-api"] },
        { CarteroRoles.Vendedor, ["/tienda/ventas", "/tienda/ventas/nueva"], ["/correos", "/configuracion/correo", "/estadisticas", "/usuarios"] },
        { CarteroRoles.Optometrista, ["/clinica"], ["/correos", "/configuracion/correo", "/usuarios"] },
        { CarteroRoles.Cliente, ["/mis-correos", "/mis-datos"], ["/correos", "/clinica", "/tienda/ventas", "/usuarios"] },
    };

    private readonly CarteroAppFactory _app = new(kestrel: true);
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CspViolations _csp = null!;

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_page_opens_or_says_access_denied_and_the_menu_only_links_what_the_role_may_open(string role, string[] may, string[] mayNot)
    {
        var seeded = new StringWriter();
        Assert.Equal(0, await CliModule.RunAsync(_app.Services, ["demo", "seed"], seeded, new StringWriter()));
        var (email, password) = SeededPerson(seeded.ToString(), role);
        var pages = await PanelWalk.PagesAsync(_app, NotWalked);
        await PanelWalk.SignInAsync(_page, _app.ServerAddress, email, password);

        var problems = new List<string>();
        var opened = new HashSet<string>(StringComparer.Ordinal);
        var denied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in pages)
        {
            await _page.SetViewportSizeAsync(1280, 900);
            var response = await _page.GotoAsync(Url(path));
            var status = response?.Status;
            var expected = path == "/no-existe" ? 404 : path.StartsWith("/cuenta/estado/", StringComparison.Ordinal) ? int.Parse(path[^3..], System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
            if (expected is { } own)
            {
                if (status != own)
                {
                    problems.Add($"{path}: respondió {status}, se esperaba {own}");
                }

                continue;
            }

            if (status == 403)
            {
                var heading = await _page.Locator("main h1").First.TextContentAsync();
                if (heading?.Trim() != "Acceso denegado")
                {
                    problems.Add($"{path}: 403 sin la página «Acceso denegado» (título «{heading}»)");
                }

                // The denied page is the same everywhere: checked once.
                if (denied.Count == 0)
                {
                    problems.AddRange(await PanelWalk.ProblemsAsync(_page, _csp, $"{path} (denegado) a 1280 px"));
                }

                _csp.Clear();
                denied.Add(path);
                continue;
            }

            if (status != 200)
            {
                problems.Add($"{path}: respondió {status}");
                continue;
            }

            opened.Add(path);
            problems.AddRange(await PanelWalk.ProblemsAsync(_page, _csp, $"{path} a 1280 px"));
            await _page.SetViewportSizeAsync(390, 900);
            problems.AddRange(await PanelWalk.ProblemsAsync(_page, _csp, $"{path} a 390 px"));
        }

        problems.AddRange(may.Where(p => !opened.Contains(p)).Select(p => $"{role} debería abrir {p}"));
        problems.AddRange(mayNot.Where(p => !denied.Contains(p)).Select(p => $"{role} no debería abrir {p}"));

        await _page.SetViewportSizeAsync(1280, 900);
        await _page.GotoAsync(Url("/"));
        foreach (var link in (await PanelWalk.HeaderLinksAsync(_page)).Distinct().Where(l => l != "/cuenta/salir"))
        {
            var response = await _page.GotoAsync(Url(link));
            if (response?.Status != 200)
            {
                problems.Add($"el menú de {role} enlaza {link}, que responde {response?.Status}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The address and password <c>demo seed</c> printed for the first person with <paramref name="role"/>.</summary>
    private static (string Email, string Password) SeededPerson(string output, string role)
    {
        var line = output.Split('\n').Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .First(parts => parts.Length == 3 && parts[0] == role);
        return (line[1], line[2]);
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
