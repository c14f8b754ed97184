using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>
/// The counter's mail in a real browser against a real SMTP server: a receipt the server rejects is corrected on the sale
/// page and resent; the sale that takes a product to its minimum reaches the manager as a stock alert.
/// </summary>
public sealed class CounterMailBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "una-clave-bastante-larga";
    private SmtpPeer _smtp = null!;
    private CarteroAppFactory _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CspViolations _csp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Url(string path) => new Uri(_app.ServerAddress, path).ToString();

    [Fact]
    public async Task A_receipt_the_server_rejects_is_corrected_on_the_sale_page_and_resent()
    {
        var (customer, product) = await StoreAsync("rechazo550-jorge@correo.ec", stock: 5, minimum: 0);
        await SignInAsync("vendedora@optica.ec");

        await SellAsync(customer, product);

        await Assertions.Expect(_page.Locator("#estado-correo-texto")).ToHaveTextAsync("Fallido", new() { Timeout = 30_000 });
        await Assertions.Expect(_page.Locator("#motivo-correo")).ToContainTextAsync("no acepta esa dirección");
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "venta-correo-rechazado");
        await _page.GetByLabel("Correo correcto del cliente").FillAsync("jorge@correo.ec");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Corregir correo y reenviar" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#estado-correo-texto")).ToHaveTextAsync("Enviado", new() { Timeout = 30_000 });
        await Assertions.Expect(_page.Locator("#estado-correo")).ToContainTextAsync("jorge@correo.ec");
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "venta-correo-corregido");

        var received = await Eventually.WaitForAsync(() => _smtp.GetMessagesAsync(Ct), m => m.Count == 1, "el comprobante reenviado llega");
        Assert.Equal(["jorge@correo.ec"], received[0].To);
    }

    [Fact]
    public async Task The_sale_that_takes_a_product_to_its_minimum_sends_the_manager_the_stock_alert()
    {
        var (customer, product) = await StoreAsync("maria@correo.ec", stock: 2, minimum: 1);
        await SignInAsync("vendedora@optica.ec");

        await SellAsync(customer, product);

        await Assertions.Expect(_page.Locator("#estado-correo-texto")).ToHaveTextAsync("Enviado", new() { Timeout = 30_000 });
        var messages = await Eventually.WaitForAsync(() => _smtp.GetMessagesAsync(Ct), m => m.Any(x => x.To.Contains("gerente@optica.ec")), "la alerta de stock llega al gerente");
        var alert = Assert.Single(messages, m => m.To.Contains("gerente@optica.ec"));
        Assert.Contains("LC-30", alert.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(messages, m => m.To.Contains("vendedora@optica.ec"));

        await _context.ClearCookiesAsync();
        await SignInAsync("gerente@optica.ec");
        await _page.GotoAsync(Url("/tienda/productos"));
        await Assertions.Expect(_page.GetByRole(AriaRole.Row).Filter(new() { HasText = "LC-30" })).ToBeVisibleAsync();
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "tienda-productos-gerente");
    }

    private async Task<(Customer Customer, Product Product)> StoreAsync(string customerEmail, int stock, int minimum)
    {
        await _app.ConfigureSmtpAsync(_smtp.Port);
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
        foreach (var (email, role) in new[] { ("vendedora@optica.ec", CarteroRoles.Vendedor), ("gerente@optica.ec", CarteroRoles.Gerente) })
        {
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, FullName = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, role);
        }

        var actor = new RequestActor("test", null, true);
        var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(
            new CustomerInput("Jorge Salazar", IdentificationTypes.Cedula, "1712345675", customerEmail, null, null), actor, Ct);
        var product = await scope.ServiceProvider.GetRequiredService<ProductService>().CreateAsync(
            new ProductInput("LC-30", "Lentes de contacto mensuales", ProductCategories.LenteContacto, 25m, "4", stock, minimum), actor, Ct);
        return (customer, product);
    }

    private async Task SellAsync(Customer customer, Product product)
    {
        await _page.GotoAsync(Url($"/tienda/ventas/nueva?cliente={customer.Id}"));
        await Assertions.Expect(_page.GetByLabel("Enviar comprobante por correo al cliente")).ToBeCheckedAsync();
        await _page.GetByLabel("Producto de la línea 1").SelectOptionAsync(product.Id.ToString());
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "tienda-venta-nueva");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Finalizar venta" }).ClickAsync();
        await _page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/tienda/ventas/[0-9a-f-]{36}$"));
    }

    private async Task SignInAsync(string email)
    {
        await _page.GotoAsync(Url("/cuenta/ingresar"));
        await _page.GetByLabel("Correo").FillAsync(email);
        await _page.GetByLabel("Contraseña").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/cuenta/ingresar", StringComparison.Ordinal));
    }

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        _app = new CarteroAppFactory(settings: new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.200",
        }, kestrel: true);
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "es-EC", TimezoneId = "America/Guayaquil" });
        _page = await _context.NewPageAsync();
        _csp = await CspViolations.WatchAsync(_context, _page);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
        _csp.AssertNone("fin de la prueba");
    }
}
