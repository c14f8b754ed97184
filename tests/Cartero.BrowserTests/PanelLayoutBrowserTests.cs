using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
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
    private static readonly Dictionary<string, string> NotWalked = new()
    {
        ["/cuenta/salir"] = "cierra la sesión",
        ["/cuenta/ingresar"] = "formulario anónimo (revisado por PanelBrowserTests)",
        ["/cuenta/ingresar-codigo"] = "segundo paso anónimo",
        ["/cuenta/recuperar"] = "formulario anónimo",
        ["/cuenta/recuperar/enviado"] = "página anónima",
        ["/cuenta/restablecer"] = "necesita un enlace de recuperación",
        ["/configuracion-inicial"] = "solo antes del primer administrador",
        ["/mis-correos"] = "solo para clientes",
        ["/avisos/entendido"] = "acción que vuelve a la página anterior",
        ["/correos/{id:guid}/eml"] = "descarga, no página",
        ["/correos/exportar"] = "descarga (CSV o XLSX), no página",
        ["/facturas/{id:guid}"] = "la óptica de demostración no factura (revisado por InvoicingBrowserTests)",
        ["/facturas/{id:guid}/anular"] = "la óptica de demostración no factura (revisado por InvoiceReissueTests)",
        ["/facturas/{id:guid}/nota-credito"] = "la óptica de demostración no factura (revisado por CreditNoteTests)",
        ["/facturas/notas-credito/{id:guid}"] = "la óptica de demostración no factura (revisado por CreditNoteTests)",
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

        var pages = await PagesAsync();
        await _page.GotoAsync(Url("/cuenta/ingresar"));
        await _page.GetByLabel("Correo").FillAsync(Admin);
        await _page.GetByLabel("Contraseña").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/cuenta/ingresar", StringComparison.Ordinal));

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

                var results = await _page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions { Iframes = false });
                problems.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{where}: axe {v.Id} ({v.Help}) en {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
                problems.AddRange(await _page.EvaluateAsync<string[]>(LayoutCheck) is { } layout ? layout.Select(p => $"{where}: {p}") : []);
                problems.AddRange(_csp.Seen.Select(v => $"{where}: CSP {v}"));
                _csp.Clear();
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// What a person would see as cut off: a header link outside the window or with clipped text, and a page wider
    /// than the window (tables must scroll inside <c>.tabla-envoltura</c>).
    /// </summary>
    private const string LayoutCheck = """
        () => {
          const problems = [];
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > width + 1) {
            const wide = [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.tabla-envoltura'))
              .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : ''));
            problems.push(`la página mide ${document.documentElement.scrollWidth} px de ancho en una ventana de ${width} px (${wide.join(', ')})`);
          }
          for (const a of document.querySelectorAll('header a, header button')) {
            const r = a.getBoundingClientRect();
            const text = (a.textContent || '').trim();
            if (r.width === 0 || r.height === 0 || getComputedStyle(a).visibility === 'hidden') {
              problems.push(`el enlace «${text}» no se ve`);
            } else if (r.left < 0 || r.right > width + 1) {
              problems.push(`el enlace «${text}» sale de la ventana (${Math.round(r.left)}–${Math.round(r.right)} px)`);
            } else if (a.scrollWidth > a.clientWidth + 1 && getComputedStyle(a).display !== 'inline') {
              problems.push(`el texto del enlace «${text}» está cortado`);
            }
          }
          return problems;
        }
        """;

    /// <summary>Every GET page of the app (from its endpoints), with the route values filled from the demo data.</summary>
    private async Task<List<string>> PagesAsync()
    {
        var ids = await _app.WithDbAsync(async db => new Dictionary<string, string>
        {
            ["/correos/{id:guid}"] = (await db.Emails.OrderBy(e => e.Id).FirstAsync(Ct)).Id.ToString(),
            ["/tienda/clientes/{id:guid}"] = (await db.Customers.OrderBy(c => c.Id).FirstAsync(Ct)).Id.ToString(),
            ["/tienda/clientes/{id:guid}/datos"] = (await db.Customers.OrderBy(c => c.Id).FirstAsync(Ct)).Id.ToString(),
            ["/clinica/pacientes/{id:guid}"] = (await db.Customers.OrderBy(c => c.Id).FirstAsync(Ct)).Id.ToString(),
            ["/tienda/ventas/{id:guid}"] = (await db.Sales.OrderBy(s => s.Id).FirstAsync(Ct)).Id.ToString(),
        });
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Select(p => p == "/" ? p : p.TrimEnd('/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var pages = new List<string>();
        foreach (var route in routes.Where(r => !NotWalked.ContainsKey(r)))
        {
            if (route == "/cuenta/estado/{codigo:int}")
            {
                pages.AddRange(["/cuenta/estado/404", "/cuenta/estado/429"]);
            }
            else if (ids.TryGetValue(route, out var id))
            {
                pages.Add(route[..route.IndexOf('{', StringComparison.Ordinal)] + id);
            }
            else
            {
                Assert.False(route.Contains('{', StringComparison.Ordinal), $"Falta un valor para la ruta {route} en el recorrido (o una razón en NotWalked)");
                pages.Add(route);
            }
        }

        pages.Add("/no-existe");
        return pages;
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
