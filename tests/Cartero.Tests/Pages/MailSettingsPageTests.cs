using System.Net;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Pages;

public sealed class MailSettingsPageTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static Dictionary<string, string> Smtp(int port, string password) => new()
    {
        ["Form.Provider"] = "smtp", ["Form.Host"] = "127.0.0.1", ["Form.Port"] = port.ToString(), ["Form.Security"] = "none",
        ["Form.Username"] = "cartero", ["Form.Password"] = password, ["Form.FromAddress"] = "facturas@optica.ec",
        ["Form.FromName"] = "Óptica Visión", ["Form.Version"] = "0",
    };

    [Fact]
    public async Task Support_configures_smtp_tests_it_and_sees_a_failure_explained()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = "clave-correcta-1" }, TestContext.Current.CancellationToken);
        var soporte = await PanelSession.SignInAsync(_app, CarteroRoles.Soporte);

        var saved = await soporte.PostFormAsync("/configuracion/correo", Smtp(smtp.Port, "clave-correcta-1"), "/configuracion/correo?handler=Guardar");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await soporte.GetStringAsync("/configuracion/correo");
        Assert.Contains("Configuración guardada.", page);
        Assert.Contains("<dd id=\"estado-contrasena\">configurada</dd>", page);
        Assert.DoesNotContain("clave-correcta-1", page);

        var ok = await soporte.PostFormAsync("/configuracion/correo", new() { ["TestTo"] = "soporte@optica.ec" }, "/configuracion/correo?handler=Probar");
        Assert.Contains("la configuración funciona", await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var wrong = Smtp(smtp.Port, "clave-equivocada");
        wrong["Form.Version"] = "1";
        await soporte.PostFormAsync("/configuracion/correo", wrong, "/configuracion/correo?handler=Guardar");
        var failed = await soporte.PostFormAsync("/configuracion/correo", new() { ["TestTo"] = "soporte@optica.ec" }, "/configuracion/correo?handler=Probar");
        var text = await failed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("El servidor rechazó la autenticación (535): revise usuario y contraseña.", text);
        Assert.DoesNotContain("clave-equivocada", text);
    }

    [Fact]
    public async Task Invalid_fields_are_explained_in_spanish_and_sellers_are_kept_out()
    {
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);
        var bad = Smtp(70000, "x");
        bad["Form.Host"] = "smtp://servidor";
        bad["Form.FromAddress"] = "no-es-un-correo";

        var response = await admin.PostFormAsync("/configuracion/correo", bad, "/configuracion/correo?handler=Guardar");
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("sin &#x27;smtp://&#x27;", page.Replace("'", "&#x27;"));
        Assert.Contains("El puerto debe estar entre 1 y 65535", page);
        Assert.Contains("Indique una dirección de remitente válida", page);

        var vendedor = await PanelSession.SignInAsync(_app, CarteroRoles.Vendedor);
        Assert.StartsWith("http://localhost/cuenta/acceso-denegado", (await vendedor.GetAsync("/configuracion/correo")).Headers.Location!.ToString());
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
