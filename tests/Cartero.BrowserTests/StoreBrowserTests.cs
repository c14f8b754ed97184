using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>The counter in a real browser: a seller finishes a sale with the mail option and watches the mail go out.</summary>
public sealed class StoreBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "una-clave-bastante-larga";
    private readonly CarteroAppFactory _app = new(settings: new Dictionary<string, string?>
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.200",
    }, kestrel: true);
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CspViolations _csp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Url(string path) => new Uri(_app.ServerAddress, path).ToString();

    [Fact]
    public async Task A_seller_finishes_a_sale_with_the_mail_option_and_sees_it_sent_without_reloading()
    {
        Product product;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = "ana@optica.ec", Email = "ana@optica.ec", EmailConfirmed = true, FullName = "Ana", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, CarteroRoles.Vendedor);
            var actor = new RequestActor("test", null, true);
            await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(
                new CustomerInput("María José Pérez", IdentificationTypes.Cedula, "1712345675", "maria@correo.ec", null, null), actor, Ct);
            product = await scope.ServiceProvider.GetRequiredService<ProductService>().CreateAsync(
                new ProductInput("ARM-01", "Armazón acetato carey", ProductCategories.Armazon, 45m, "4", 5, 1), actor, Ct);
        }

        await _page.GotoAsync(Url("/cuenta/ingresar"));
        await _page.GetByLabel("Correo").FillAsync("ana@optica.ec");
        await _page.GetByLabel("Contraseña").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/cuenta/ingresar", StringComparison.Ordinal));

        await _page.GotoAsync(Url("/tienda/clientes?q=1712"));
        await AssertAccessibleAsync("tienda-clientes");
        await _page.GetByRole(AriaRole.Row).Filter(new() { HasText = "María José Pérez" }).GetByRole(AriaRole.Link, new() { Name = "Vender", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.GetByLabel("Enviar comprobante por correo al cliente")).ToBeCheckedAsync();
        await Assertions.Expect(_page.GetByLabel("Correo del cliente (puede corregirlo aquí)")).ToHaveValueAsync("maria@correo.ec");
        await _page.GetByLabel("Producto de la línea 1").SelectOptionAsync(product.Id.ToString());
        await AssertAccessibleAsync("tienda-venta-nueva");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Finalizar venta" }).ClickAsync();
        await _page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/tienda/ventas/[0-9a-f-]{36}$"));

        var navigations = 0;
        _page.FrameNavigated += (_, frame) => navigations += frame == _page.MainFrame ? 1 : 0;
        await Assertions.Expect(_page.Locator("#estado-correo-texto")).ToHaveTextAsync("Enviado", new() { Timeout = 30_000 });
        Assert.Equal(0, navigations);
        await AssertAccessibleAsync("tienda-venta");
        await _page.GotoAsync(Url("/tienda/ventas"));
        await Assertions.Expect(_page.GetByRole(AriaRole.Cell, new() { Name = "María José Pérez" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("tienda-mis-ventas");
    }

    private async Task AssertAccessibleAsync(string name)
    {
        _csp.AssertNone(name);
        var results = await _page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
    }

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
        _csp.AssertNone("fin de la prueba");
    }
}
