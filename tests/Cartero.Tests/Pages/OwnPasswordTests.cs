using System.Net;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Pages;

/// <summary>A person changes their own password from the panel.</summary>
public sealed class OwnPasswordTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_current_password_is_required_the_change_signs_out_the_other_sessions_and_is_audited()
    {
        var here = await PanelSession.SignInAsync(_app, CarteroRoles.Vendedor);
        var elsewhere = await PanelSession.SignInAsync(_app, CarteroRoles.Vendedor);
        const string form = "/cuenta/contrasena";

        var wrong = WebUtility.HtmlDecode(await (await here.PostFormAsync(form, new()
        {
            ["Form.Current"] = "no-es-la-clave-actual", ["Form.New"] = "otra-clave-bastante-larga", ["Form.Confirm"] = "otra-clave-bastante-larga",
        })).Content.ReadAsStringAsync(Ct));
        Assert.Contains("La contraseña actual no es correcta.", wrong, StringComparison.Ordinal);
        var mismatch = WebUtility.HtmlDecode(await (await here.PostFormAsync(form, new()
        {
            ["Form.Current"] = "una-clave-bastante-larga", ["Form.New"] = "otra-clave-bastante-larga", ["Form.Confirm"] = "otra-clave-distinta-larga",
        })).Content.ReadAsStringAsync(Ct));
        Assert.Contains("Las dos contraseñas nuevas no coinciden.", mismatch, StringComparison.Ordinal);
        var shortOne = WebUtility.HtmlDecode(await (await here.PostFormAsync(form, new()
        {
            ["Form.Current"] = "una-clave-bastante-larga", ["Form.New"] = "corta", ["Form.Confirm"] = "corta",
        })).Content.ReadAsStringAsync(Ct));
        Assert.Contains("12", shortOne, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.Client.GetAsync("/", Ct)).StatusCode);

        var changed = WebUtility.HtmlDecode(await (await here.PostFormAsync(form, new()
        {
            ["Form.Current"] = "una-clave-bastante-larga", ["Form.New"] = "otra-clave-bastante-larga", ["Form.Confirm"] = "otra-clave-bastante-larga",
        })).Content.ReadAsStringAsync(Ct));

        Assert.Contains("Contraseña cambiada.", changed, StringComparison.Ordinal);
        Assert.DoesNotContain("otra-clave-bastante-larga", changed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await here.Client.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.Client.GetAsync("/", Ct)).StatusCode);
        var fresh = PanelSession.Anonymous(_app);
        var signIn = await fresh.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = "vendedor@optica.ec", ["Input.Password"] = "otra-clave-bastante-larga" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.Client.GetAsync("/", Ct)).StatusCode);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "cambiar_contrasena_propia").ToListAsync(Ct));
        Assert.Equal("vendedor@optica.ec", Assert.Single(audit).Target);
        Assert.DoesNotContain("clave", audit[0].Details ?? "", StringComparison.Ordinal);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
