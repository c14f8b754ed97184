using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Platform.Identity;
using Cartero.Sri.Tests;
using Cartero.Tests.Features.Invoicing;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Pages;

/// <summary>The invoicing pages: the admin's settings form with the certificate upload, the invoice list and detail, the expiry warning.</summary>
public sealed class InvoicingPagesTests() : AppTestBase(null)
{
    private static Dictionary<string, string> Form(string password) => new()
    {
        ["Form.Ruc"] = "1792146739001", ["Form.BusinessName"] = "Óptica Visión Cía. Ltda.", ["Form.HeadOfficeAddress"] = "Av. Amazonas N34-12, Quito",
        ["Form.Establishment"] = "001", ["Form.EmissionPoint"] = "002", ["Form.Environment"] = "pruebas", ["Form.NextSequential"] = "1",
        ["Form.CertificatePassword"] = password, ["Form.Version"] = "0",
    };

    private static Dictionary<string, (string, byte[])> File(byte[] p12) => new() { ["Certificate"] = ("firma.p12", p12) };

    [Fact]
    public async Task An_admin_uploads_the_certificate_and_sees_whose_it_is_but_never_its_password()
    {
        var app = await NewAppAsync();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);

        var wrong = await admin.PostMultipartAsync("/configuracion/facturacion", Form("no-es-la-clave"), File(CertificadosDePrueba.P12Vigente));
        var wrongPage = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync(Ct));
        Assert.Contains("la contraseña es incorrecta", wrongPage, StringComparison.Ordinal);
        Assert.Contains("no configurado", wrongPage, StringComparison.Ordinal);

        var saved = await admin.PostMultipartAsync("/configuracion/facturacion", Form(CertificadosDePrueba.Contrasena), File(CertificadosDePrueba.P12Vigente));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/configuracion/facturacion"));
        Assert.Contains("Configuración de facturación guardada.", page, StringComparison.Ordinal);
        Assert.Contains("JOSÉ NÚÑEZ PEÑA", page, StringComparison.Ordinal);
        Assert.Contains("001-002-000000001", page, StringComparison.Ordinal);
        Assert.DoesNotContain(CertificadosDePrueba.Contrasena, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_set_up_the_page_says_so_instead_of_an_empty_numbering()
    {
        var app = await NewAppAsync();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/configuracion/facturacion"));

        Assert.Contains("La facturación no está configurada", page, StringComparison.Ordinal);
        Assert.DoesNotContain("--0000", page, StringComparison.Ordinal);
        Assert.Contains("se numera al registrar el establecimiento", page, StringComparison.Ordinal);
        Assert.Contains("nunca: todavía no se ha configurado", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_expiring_within_30_days_warns_admins_on_every_page()
    {
        var app = await NewAppAsync();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var soon = CertificadosDePrueba.Crear(DateTimeOffset.UtcNow.AddDays(-300), DateTimeOffset.UtcNow.AddDays(12));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostMultipartAsync("/configuracion/facturacion", Form(CertificadosDePrueba.Contrasena), File(soon))).StatusCode);

        var home = WebUtility.HtmlDecode(await admin.GetStringAsync("/correos"));
        Assert.Matches("El certificado de firma electrónica vence en 1[12] días", home);
        var manager = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);
        var managerPage = await manager.GetAsync("/correos");
        Assert.True(managerPage.StatusCode == HttpStatusCode.OK, managerPage.Headers.Location?.ToString());
        Assert.DoesNotContain("certificado de firma", WebUtility.HtmlDecode(await managerPage.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_follows_an_invoice_from_the_list_to_its_history_xml_and_resend()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var settings = sri.Settings();
        settings["Cartero:Worker:Enabled"] = "true";
        settings["Cartero:Worker:PollInterval"] = "00:00:00.100";
        var app = await NewAppAsync(settings);
        await app.ConfigureSmtpAsync(smtp.Port);
        var api = await app.CreateApiClientAsync(admin: true);
        var body = new JsonObject
        {
            ["ruc"] = "1792146739001", ["businessName"] = "Óptica Visión Cía. Ltda.", ["headOfficeAddress"] = "Av. Amazonas N34-12, Quito",
            ["establishment"] = "001", ["emissionPoint"] = "001", ["environment"] = "pruebas",
            ["certificateBase64"] = Convert.ToBase64String(CertificadosDePrueba.P12Vigente), ["certificatePassword"] = CertificadosDePrueba.Contrasena,
        };
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/v1/settings/invoicing", body, Ct)).StatusCode);
        var sale = new JsonObject
        {
            ["buyer"] = new JsonObject { ["idType"] = "cedula", ["id"] = "1712345675", ["name"] = "María Peña", ["email"] = "maria@correo.ec" },
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Examen visual", ["quantity"] = 1, ["unitPrice"] = 15, ["tax"] = "iva0" }),
            ["reference"] = "VENTA-9",
        };
        var submitted = (await (await api.PostAsJsonAsync("/api/v1/invoices", sale, Ct)).Content.ReadFromJsonAsync<InvoiceSubmitted>(Ct))!;
        await Eventually.WaitForAsync(async () => (await api.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{submitted.Id}", Ct))!,
            i => i.MailStatus == InvoiceMailStatus.Encolado, "la factura autorizada y enviada");

        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var list = WebUtility.HtmlDecode(await soporte.GetStringAsync("/facturas?buscar=VENTA-9"));
        Assert.Contains("001-001-000000001", list, StringComparison.Ordinal);
        Assert.Contains("María Peña", list, StringComparison.Ordinal);
        Assert.Contains("No hay facturas", WebUtility.HtmlDecode(await soporte.GetStringAsync("/facturas?estado=devuelta")), StringComparison.Ordinal);
        Assert.Contains("no es una fecha", WebUtility.HtmlDecode(await soporte.GetStringAsync("/facturas?desde=ayer")), StringComparison.Ordinal);
        var export = await soporte.GetAsync("/facturas?handler=Exportar&buscar=VENTA-9");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = await export.Content.ReadAsStringAsync(Ct);
        Assert.Contains(submitted.AccessKey, csv, StringComparison.Ordinal);
        Assert.Contains("María Peña", csv, StringComparison.Ordinal);

        var detail = WebUtility.HtmlDecode(await soporte.GetStringAsync($"/facturas/{submitted.Id}"));
        Assert.Contains(submitted.AccessKey, detail, StringComparison.Ordinal);
        Assert.Contains("AUTORIZADO por el SRI", detail, StringComparison.Ordinal);
        Assert.Contains("RECIBIDA por el SRI", detail, StringComparison.Ordinal);
        var xml = await soporte.GetAsync($"/facturas/{submitted.Id}?handler=Xml");
        Assert.Equal("application/xml", xml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<estado>AUTORIZADO</estado>", await xml.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var resent = await soporte.PostFormAsync($"/facturas/{submitted.Id}", new() { ["Address"] = "maria.trabajo@correo.ec" }, $"/facturas/{submitted.Id}?handler=Reenviar");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Contains("encolado para maria.trabajo@correo.ec", WebUtility.HtmlDecode(await soporte.GetStringAsync($"/facturas/{submitted.Id}")), StringComparison.Ordinal);
        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count == 2, "los dos correos de la factura");
    }
}
