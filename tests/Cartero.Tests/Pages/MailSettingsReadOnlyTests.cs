using System.Net;
using Cartero.Features.Sending;
using Cartero.Features.Sending.TestSend;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Pages;

/// <summary>Gerente sees the mail settings page read-only: secrets masked, the recent tests listed, no edit and no test send (refused on the server too).</summary>
public sealed class MailSettingsReadOnlyTests() : AppTestBase(null)
{
    [Fact]
    public async Task The_manager_reads_the_settings_and_the_test_history_but_cannot_change_or_test()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = "clave-secreta-77" }, Ct);
        var app = await NewAppAsync();
        await app.ConfigureSmtpAsync(smtp.Port, "cartero", "clave-secreta-77");
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var tested = await soporte.PostFormAsync("/configuracion/correo", new() { ["TestTo"] = "soporte@optica.ec" }, "/configuracion/correo?handler=Probar");
        Assert.Contains("la configuración funciona", await tested.Content.ReadAsStringAsync(Ct));
        var gerente = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);

        var response = await gerente.GetAsync("/configuracion/correo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"solo-lectura\"", page);
        Assert.Contains("<dd id=\"estado-contrasena\">configurada</dd>", page);
        Assert.Contains("127.0.0.1:" + smtp.Port, page);
        Assert.DoesNotContain("clave-secreta-77", page);
        Assert.DoesNotContain("handler=Guardar", page);
        Assert.DoesNotContain("handler=Probar", page);
        Assert.DoesNotContain("handler=Revisar", page);
        // Links to pages a gerente cannot open are not offered either.
        Assert.DoesNotContain("href=\"/configuracion/seguimiento\"", page);
        Assert.DoesNotContain("href=\"/supresiones\"", page);
        var history = page[page.IndexOf("id=\"pruebas-recientes\"", StringComparison.Ordinal)..];
        Assert.Contains("soporte@optica.ec", history);
        Assert.Contains(">Enviado</span>", history);
        Assert.Contains("href=\"/configuracion/correo\">Cuenta de envío</a>", page);

        // The server refuses, whatever the page shows: no test mail, no change.
        var sends = await app.WithDbAsync(db => db.Emails.CountAsync(e => e.Type == TestMailSender.Type, Ct));
        var probe = await gerente.PostFormAsync("/configuracion/correo", new() { ["TestTo"] = "gerente@optica.ec" }, "/configuracion/correo?handler=Probar");
        var save = await gerente.PostFormAsync("/configuracion/correo", new() { ["Form.Provider"] = "pickup", ["Form.FromAddress"] = "otro@optica.ec", ["Form.Version"] = "1" }, "/configuracion/correo?handler=Guardar");
        Assert.StartsWith("http://localhost/cuenta/acceso-denegado", probe.Headers.Location!.ToString());
        Assert.StartsWith("http://localhost/cuenta/acceso-denegado", save.Headers.Location!.ToString());
        Assert.Equal(sends, await app.WithDbAsync(db => db.Emails.CountAsync(e => e.Type == TestMailSender.Type, Ct)));
        Assert.Equal("smtp", await app.WithDbAsync(db => db.MailSettings.Select(s => s.Provider).SingleAsync(Ct)));
        Assert.Single(await smtp.GetMessagesAsync(Ct));

        // Admin and soporte still get the forms.
        var forms = await soporte.GetStringAsync("/configuracion/correo");
        Assert.Contains("handler=Guardar", forms);
        Assert.DoesNotContain("id=\"solo-lectura\"", forms);
    }
}
