using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Platform.Identity;
using Cartero.Sri.Tests;
using Cartero.Tests.Features.Invoicing;
using Cartero.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>Electronic invoicing in a real browser: the admin loads the signing certificate, support reads an invoice's trip to the SRI.</summary>
public sealed class InvoicingBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "una-clave-bastante-larga";
    private readonly SriScript _sri = new();
    private CarteroAppFactory _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private CspViolations _csp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Url(string path) => new Uri(_app.ServerAddress, path).ToString();

    [Fact]
    public async Task The_admin_loads_the_certificate_and_follows_an_invoice_to_its_authorisation()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = "admin@optica.ec", Email = "admin@optica.ec", EmailConfirmed = true, FullName = "Admin", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, CarteroRoles.Admin);
        }

        await _page.GotoAsync(Url("/cuenta/ingresar"));
        await _page.GetByLabel("Correo").FillAsync("admin@optica.ec");
        await _page.GetByLabel("Contraseña").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/cuenta/ingresar", StringComparison.Ordinal));

        await _page.GotoAsync(Url("/configuracion/facturacion"));
        await _page.GetByLabel("RUC").FillAsync("1792146739001");
        await _page.GetByLabel("Razón social").FillAsync("Óptica Visión Cía. Ltda.");
        await _page.GetByLabel("Nombre comercial (opcional)").FillAsync("Óptica Visión");
        await _page.GetByLabel("Dirección de la matriz").FillAsync("Av. Amazonas N34-12 y Atahualpa, Quito");
        await _page.GetByLabel("Obligado a llevar contabilidad").CheckAsync();
        var p12 = Path.Combine(_app.DataDirectory, "firma.p12");
        await File.WriteAllBytesAsync(p12, CertificadosDePrueba.P12Vigente, Ct);
        await _page.GetByLabel("Archivo .p12 (déjelo vacío para conservar el actual)").SetInputFilesAsync(p12);
        await _page.GetByLabel("Contraseña del archivo .p12").FillAsync(CertificadosDePrueba.Contrasena);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.GetByText("Configuración de facturación guardada.")).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#estado-certificado")).ToContainTextAsync("JOSÉ NÚÑEZ PEÑA");
        await AssertAccessibleAsync("facturacion");

        using var erp = new HttpClient { BaseAddress = _app.ServerAddress };
        erp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.CreateApiKeyAsync("erp", false));
        var response = await erp.PostAsJsonAsync("/api/v1/invoices", new JsonObject
        {
            ["buyer"] = new JsonObject { ["idType"] = "cedula", ["id"] = "1712345675", ["name"] = "María José Peña", ["email"] = "maria@correo.ec" },
            ["lines"] = new JsonArray(
                new JsonObject { ["code"] = "ARM-01", ["description"] = "Armazón de titanio", ["quantity"] = 1, ["unitPrice"] = 85, ["tax"] = "iva15" },
                new JsonObject { ["code"] = "EX-01", ["description"] = "Examen visual", ["quantity"] = 1, ["unitPrice"] = 15, ["tax"] = "iva0" }),
            ["paymentMethod"] = "19",
            ["reference"] = "VENTA-2044",
        }, Ct);
        var submitted = (await response.Content.ReadFromJsonAsync<InvoiceSubmitted>(Ct))!;
        await Eventually.WaitForAsync(async () => (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{submitted.Id}", Ct))!,
            i => i.MailStatus != InvoiceMailStatus.Pendiente, "la factura autorizada");

        await _page.GotoAsync(Url("/facturas"));
        await AssertAccessibleAsync("facturas");
        await _page.GetByRole(AriaRole.Link, new() { Name = submitted.Number }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Factura " + submitted.Number })).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByText("AUTORIZADO por el SRI", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#estado-correo")).ToHaveTextAsync(Cartero.Platform.Web.CodeLabels.InvoiceMailState(InvoiceMailStatus.Encolado));
        await AssertAccessibleAsync("factura");

        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "Descargar RIDE (PDF)" }).ClickAsync());
        Assert.Equal($"RIDE-factura-{submitted.Number}.pdf", download.SuggestedFilename);
    }

    private async Task AssertAccessibleAsync(string name)
    {
        _csp.AssertNone(name);
        var results = await _page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
        if (BrowserFixture.SaveScreenshots)
        {
            var folder = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
            Directory.CreateDirectory(folder);
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask InitializeAsync()
    {
        _app = new CarteroAppFactory(settings: _sri.Settings(), kestrel: true);
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, Locale = "es-EC", TimezoneId = "America/Guayaquil" });
        _page = await _context.NewPageAsync();
        _csp = await CspViolations.WatchAsync(_context, _page);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _app.DisposeAsync();
        await _sri.DisposeAsync();
        _csp.AssertNone("fin de la prueba");
    }
}
