using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Sri.Tests;
using Cartero.Tests.Features.Invoicing;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>
/// A customer in a real browser: downloads their RIDE from "Mis correos", gets a Spanish "not found" for another
/// customer's document address, and downloads "Mis datos" with their data and nobody else's.
/// </summary>
public sealed class CustomerBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "una-clave-bastante-larga";
    private readonly SriScript _sri = new();
    private SmtpPeer _smtp = null!;
    private CarteroAppFactory _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CspViolations _csp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Url(string path) => new Uri(_app.ServerAddress, path).ToString();

    [Fact]
    public async Task A_customer_downloads_their_ride_and_their_data_and_cannot_open_another_customers_document()
    {
        await _app.ConfigureSmtpAsync(_smtp.Port);
        using (var admin = await _app.CreateApiClientAsync(admin: true))
        {
            (await admin.PutAsJsonAsync("/api/v1/settings/invoicing", InvoicingSettings(), Ct)).EnsureSuccessStatusCode();
        }

        Customer ana, bruno;
        Sale anaSale, brunoSale;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var actor = new RequestActor("test", null, true);
            var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
            ana = await customers.CreateAsync(new CustomerInput("Ana Lucía Benítez", IdentificationTypes.Cedula, "1712345675", "ana@correo.ec", null, "Quito"), actor, Ct);
            bruno = await customers.CreateAsync(new CustomerInput("Bruno Carrión", IdentificationTypes.Cedula, "1757654320", "bruno@correo.ec", null, "Cuenca"), actor, Ct);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            var seller = new CarteroUser { Id = Guid.CreateVersion7(), UserName = "vendedora@optica.ec", Email = "vendedora@optica.ec", EmailConfirmed = true, FullName = "Vendedora", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(seller, Password)).Succeeded);
            await users.AddToRoleAsync(seller, CarteroRoles.Vendedor);
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = "ana@correo.ec", Email = "ana@correo.ec", EmailConfirmed = true, FullName = "Ana", CustomerId = ana.Id.ToString(), CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, CarteroRoles.Cliente);
            var product = await scope.ServiceProvider.GetRequiredService<ProductService>().CreateAsync(
                new ProductInput("ARM-05", "Armazón de titanio", ProductCategories.Armazon, 80m, "4", 10, 0), actor, Ct);
            var sales = scope.ServiceProvider.GetRequiredService<SaleService>();
            var counter = new Seller(seller.Id, new RequestActor("vendedora@optica.ec", null, false));
            anaSale = await sales.FinishAsync(new SaleRequest(ana.Id, [new SaleLineRequest(product.Id, 1)], SendMail: true), counter, Ct);
            brunoSale = await sales.FinishAsync(new SaleRequest(bruno.Id, [new SaleLineRequest(product.Id, 1)], SendMail: true), counter, Ct);
        }

        await Eventually.WaitForAsync(() => _app.WithDbAsync(db => db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Autorizada && i.EmailId != null, Ct)), n => n == 2, "las dos facturas autorizadas");
        var anaInvoice = await _app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == anaSale.InvoiceId, Ct));

        await _page.GotoAsync(Url("/cuenta/ingresar"));
        await _page.GetByLabel("Correo").FillAsync("ana@correo.ec");
        await _page.GetByLabel("Contraseña").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => url.Contains("/mis-correos", StringComparison.Ordinal));
        await Assertions.Expect(_page.GetByRole(AriaRole.Cell, new() { Name = "Factura " + anaInvoice.Number })).ToBeVisibleAsync();
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "mis-correos");

        var ride = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "RIDE (PDF)" }).ClickAsync());
        Assert.Equal($"RIDE-factura-{anaInvoice.Number}.pdf", ride.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync((await ride.PathAsync())!, Ct);
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);

        var other = await _page.GotoAsync(Url($"/mis-correos?handler=Ride&id={brunoSale.InvoiceId}"));
        Assert.Equal(404, other!.Status);
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Página no encontrada" })).ToBeVisibleAsync();
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "mis-correos-documento-ajeno");

        await _page.GotoAsync(Url("/mis-correos"));
        await _page.GetByRole(AriaRole.Link, new() { Name = "Mis datos: descargar todo lo que guardamos sobre usted" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Mis datos" })).ToBeVisibleAsync();
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "mis-datos");
        var data = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Button, new() { Name = "Descargar mis datos (ZIP)" }).ClickAsync());
        Assert.EndsWith(".zip", data.SuggestedFilename, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead((await data.PathAsync())!);
        Assert.Contains(zip.Entries, e => e.FullName == $"facturas/RIDE-factura-{anaInvoice.Number}.pdf");
        using var json = new StreamReader(zip.GetEntry("datos.json")!.Open());
        var text = await json.ReadToEndAsync(Ct);
        Assert.Contains("1712345675", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1757654320", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bruno", text, StringComparison.Ordinal);
        Assert.DoesNotContain(bruno.Id.ToString(), text, StringComparison.Ordinal);
    }

    private static JsonObject InvoicingSettings() => new()
    {
        ["ruc"] = "1792146739001",
        ["businessName"] = "Óptica Visión Cía. Ltda.",
        ["tradeName"] = "Óptica Visión",
        ["headOfficeAddress"] = "Av. Amazonas N34-12 y Atahualpa, Quito",
        ["establishmentAddress"] = "Calle García Moreno 123, Quito",
        ["keepsAccounts"] = true,
        ["establishment"] = "001",
        ["emissionPoint"] = "002",
        ["environment"] = "pruebas",
        ["certificateBase64"] = Convert.ToBase64String(CertificadosDePrueba.P12Vigente),
        ["certificatePassword"] = CertificadosDePrueba.Contrasena,
    };

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var settings = new Dictionary<string, string?>(_sri.Settings())
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.200",
        };
        _app = new CarteroAppFactory(settings: settings, kestrel: true);
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, Locale = "es-EC", TimezoneId = "America/Guayaquil" });
        _page = await _context.NewPageAsync();
        _csp = await CspViolations.WatchAsync(_context, _page);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _app.DisposeAsync();
        await _sri.DisposeAsync();
        await _smtp.DisposeAsync();
        _csp.AssertNone("fin de la prueba");
    }
}
