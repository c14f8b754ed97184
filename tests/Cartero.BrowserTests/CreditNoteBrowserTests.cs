using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Platform.Identity;
using Cartero.Sri.Tests;
using Cartero.Tests.Features.Invoicing;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cartero.BrowserTests;

/// <summary>A nota de crédito in a real browser: its page in words, and "Comprobantes sin entregar" listing it; axe at 1280 and 390 px.</summary>
public sealed class CreditNoteBrowserTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task An_admin_reads_a_credit_note_and_finds_it_among_the_undelivered()
    {
        using var admin = new HttpClient { BaseAddress = _app.ServerAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.CreateApiKeyAsync("admin", true));
        var settings = await admin.PutAsJsonAsync("/api/v1/settings/invoicing", new JsonObject
        {
            ["ruc"] = "1792146739001",
            ["businessName"] = "Óptica Visión Cía. Ltda.",
            ["headOfficeAddress"] = "Av. Amazonas N34-12 y Atahualpa, Quito",
            ["keepsAccounts"] = true,
            ["establishment"] = "001",
            ["emissionPoint"] = "001",
            ["environment"] = "pruebas",
            ["certificateBase64"] = Convert.ToBase64String(CertificadosDePrueba.P12Vigente),
            ["certificatePassword"] = CertificadosDePrueba.Contrasena,
        }, Ct);
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync(Ct));

        // A buyer who gave no email: the note is authorised and cannot be delivered by mail.
        var sale = await admin.PostAsJsonAsync("/api/v1/invoices", new JsonObject
        {
            ["buyer"] = new JsonObject { ["idType"] = "cedula", ["id"] = "1712345675", ["name"] = "María José Peña" },
            ["lines"] = new JsonArray(
                new JsonObject { ["code"] = "ARM-01", ["description"] = "Armazón de titanio", ["quantity"] = 1, ["unitPrice"] = 85, ["tax"] = "iva15" },
                new JsonObject { ["code"] = "LIQ-60", ["description"] = "Solución de limpieza 60 ml", ["quantity"] = 2, ["unitPrice"] = 4.5, ["tax"] = "iva15" }),
            ["paymentMethod"] = "19",
        }, Ct);
        var invoice = (await sale.Content.ReadFromJsonAsync<InvoiceSubmitted>(Ct))!;
        await Eventually.WaitForAsync(async () => (await admin.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{invoice.Id}", Ct))!,
            i => i.MailStatus != InvoiceMailStatus.Pendiente, "la factura autorizada", TimeSpan.FromSeconds(60));
        var created = await admin.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/credit-notes", new JsonObject
        {
            ["reason"] = "Devolución de la solución de limpieza",
            ["lines"] = new JsonArray(new JsonObject { ["line"] = 2, ["quantity"] = 1 }),
        }, Ct);
        var note = (await created.Content.ReadFromJsonAsync<CreditNoteSubmitted>(Ct))!;
        await Eventually.WaitForAsync(async () => (await admin.GetFromJsonAsync<CreditNoteDto>($"/api/v1/credit-notes/{note.Id}", Ct))!,
            n => n.MailStatus == InvoiceMailStatus.SinCorreo, "la nota de crédito autorizada sin correo", TimeSpan.FromSeconds(60));

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

        await _page.GotoAsync(Url($"/facturas/notas-credito/{note.Id}"));
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Nota de crédito " + note.Number })).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#estado-correo")).ToHaveTextAsync(Cartero.Platform.Web.CodeLabels.CreditNoteMailState(InvoiceMailStatus.SinCorreo));
        await Assertions.Expect(_page.Locator("#aviso-sin-entregar")).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Enviar la nota de crédito" })).ToBeVisibleAsync();
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "nota de crédito");

        await _page.GotoAsync(Url("/facturas/sin-entregar"));
        var row = _page.Locator($"#nota-credito-{note.Id}");
        await Assertions.Expect(row).ToContainTextAsync("Nota de crédito");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = note.Number })).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator($"#factura-{invoice.Id}")).ToBeVisibleAsync();
        await AxeAtTwoWidths.AssertAsync(_page, _csp, "comprobantes sin entregar con una nota de crédito");

        await row.GetByRole(AriaRole.Link, new() { Name = note.Number }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Nota de crédito " + note.Number })).ToBeVisibleAsync();
    }

    public async ValueTask InitializeAsync()
    {
        _app = new CarteroAppFactory(settings: _sri.Settings(), kestrel: true);
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "es-EC", TimezoneId = "America/Guayaquil" });
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
