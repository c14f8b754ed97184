using Cartero.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>
/// What the page walks share: every GET page of the app (from its endpoints, with route values from the demo data),
/// and what a person would see as broken on one page (axe, CSP, a page wider than the window, a cut header link).
/// </summary>
internal static class PanelWalk
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Pages no walk opens, whatever the role, each with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> NeverWalked = new Dictionary<string, string>
    {
        ["/cuenta/salir"] = "cierra la sesión",
        ["/cuenta/ingresar"] = "formulario anónimo (revisado por PanelBrowserTests)",
        ["/cuenta/ingresar-codigo"] = "segundo paso anónimo",
        ["/cuenta/recuperar"] = "formulario anónimo",
        ["/cuenta/recuperar/enviado"] = "página anónima",
        ["/cuenta/restablecer"] = "necesita un enlace de recuperación",
        ["/configuracion-inicial"] = "solo antes del primer administrador",
        ["/avisos/entendido"] = "acción que vuelve a la página anterior",
        ["/correos/{id:guid}/eml"] = "descarga, no página",
        ["/correos/exportar"] = "descarga (CSV o XLSX), no página",
        ["/facturas/{id:guid}"] = "la óptica de demostración no factura (revisado por InvoicingBrowserTests)",
        ["/facturas/{id:guid}/anular"] = "la óptica de demostración no factura (revisado por InvoiceReissueTests)",
        ["/facturas/{id:guid}/nota-credito"] = "la óptica de demostración no factura (revisado por CreditNoteTests)",
        ["/facturas/notas-credito/{id:guid}"] = "la óptica de demostración no factura (revisado por CreditNoteBrowserTests)",
    };

    /// <summary>Every page route, with its route values filled from a database seeded by <c>demo seed</c>; routes in <paramref name="notWalked"/> left out.</summary>
    public static async Task<List<string>> PagesAsync(CarteroAppFactory app, IReadOnlyDictionary<string, string> notWalked)
    {
        var ids = await app.WithDbAsync(async db => new Dictionary<string, string>
        {
            ["/correos/{id:guid}"] = (await db.Emails.OrderBy(e => e.Id).FirstAsync(Ct)).Id.ToString(),
            ["/tienda/clientes/{id:guid}"] = (await db.Customers.OrderBy(c => c.Id).FirstAsync(Ct)).Id.ToString(),
            ["/tienda/clientes/{id:guid}/datos"] = (await db.Customers.OrderBy(c => c.Id).FirstAsync(Ct)).Id.ToString(),
            ["/clinica/pacientes/{id:guid}"] = (await db.Customers.OrderBy(c => c.Id).FirstAsync(Ct)).Id.ToString(),
            ["/tienda/ventas/{id:guid}"] = (await db.Sales.OrderBy(s => s.Id).FirstAsync(Ct)).Id.ToString(),
        });
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Select(p => p == "/" ? p : p.TrimEnd('/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var pages = new List<string>();
        foreach (var route in routes.Where(r => !notWalked.ContainsKey(r)))
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

    /// <summary>Signs in through the panel's form and waits to leave it.</summary>
    public static async Task SignInAsync(IPage page, Uri server, string email, string password)
    {
        await page.GotoAsync(new Uri(server, "/cuenta/ingresar").ToString());
        await page.GetByLabel("Correo").FillAsync(email);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        // Leaving the form is what counts (Commit), not every resource of the next page; a busy two-core machine gets a
        // minute, and a sign-in that stays on the form says what the form said.
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/cuenta/ingresar", StringComparison.Ordinal),
                new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            var shown = page.Url.Contains("/cuenta/ingresar", StringComparison.Ordinal) ? await page.InnerTextAsync("body") : "";
            throw new TimeoutException($"{email} no salió del formulario de ingreso en 60 s (en {page.Url}): {shown}");
        }

        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = 60_000 });
    }

    /// <summary>What is wrong with the page as it is shown now: serious axe findings, CSP violations, layout problems.</summary>
    public static async Task<IEnumerable<string>> ProblemsAsync(IPage page, CspViolations csp, string where)
    {
        var problems = new List<string>();
        var results = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions { Iframes = false });
        problems.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: axe {v.Id} ({v.Help}) en {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));
        problems.AddRange((await page.EvaluateAsync<string[]>(LayoutCheck)).Select(p => $"{where}: {p}"));
        problems.AddRange(csp.Seen.Select(v => $"{where}: CSP {v}"));
        csp.Clear();
        return problems;
    }

    /// <summary>The same-site links of the page's header (the menu and the account links), as paths.</summary>
    public static async Task<string[]> HeaderLinksAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('header a[href]')]
          .map(a => new URL(a.href, location.href))
          .filter(u => u.origin === location.origin)
          .map(u => u.pathname)
        """);

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
}
