using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Pages;

/// <summary>A demotion, a password reset or a deactivation takes effect on the person's very next request, and a demoted admin's keys stop working.</summary>
public sealed partial class SessionRevocationTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> IdOfAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>().FindByEmailAsync(email))!.Id;
    }

    private static bool SentToSignIn(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/cuenta/ingresar", StringComparison.Ordinal);

    [Fact]
    public async Task A_demoted_admin_loses_the_admin_pages_at_once_and_the_admin_keys_they_created()
    {
        var chief = await PanelSession.SignInAsync(_app, CarteroRoles.Admin, "jefa@optica.ec");
        var demoted = await PanelSession.SignInAsync(_app, CarteroRoles.Admin, "pedro@optica.ec");
        var created = await demoted.PostFormAsync("/claves-api", new() { ["Name"] = "clave-de-pedro", ["IsAdmin"] = "true" }, "/claves-api?handler=Crear");
        var secret = SecretPattern().Match(await created.Content.ReadAsStringAsync(Ct)).Value;
        Assert.StartsWith("crt_", secret);
        var key = _app.CreateClient();
        key.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await demoted.GetAsync("/usuarios")).StatusCode);

        var changed = await chief.PostFormAsync("/usuarios", new() { ["roles"] = CarteroRoles.Soporte }, $"/usuarios?handler=Roles&id={await IdOfAsync("pedro@optica.ec")}");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.True(SentToSignIn(await demoted.GetAsync("/usuarios")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/v1/audit", Ct)).StatusCode);
        var again = await PanelSession.SignInAsync(_app, CarteroRoles.Soporte, "pedro@optica.ec");
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/usuarios")).StatusCode);
        Assert.Contains("acceso-denegado", (await again.GetAsync("/usuarios")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_password_reset_ends_the_open_session()
    {
        var chief = await PanelSession.SignInAsync(_app, CarteroRoles.Admin, "jefa@optica.ec");
        var seller = await PanelSession.SignInAsync(_app, CarteroRoles.Gerente, "ana@optica.ec");
        Assert.Equal(HttpStatusCode.OK, (await seller.GetAsync("/correos")).StatusCode);

        await chief.PostFormAsync("/usuarios", [], $"/usuarios?handler=Restablecer&id={await IdOfAsync("ana@optica.ec")}");

        Assert.True(SentToSignIn(await seller.GetAsync("/correos")));
    }

    [Fact]
    public async Task A_deactivated_person_is_signed_out_cannot_sign_in_and_can_be_reactivated()
    {
        var chief = await PanelSession.SignInAsync(_app, CarteroRoles.Admin, "jefa@optica.ec");
        var person = await PanelSession.SignInAsync(_app, CarteroRoles.Soporte, "luis@optica.ec");
        var id = await IdOfAsync("luis@optica.ec");

        await chief.PostFormAsync("/usuarios", [], $"/usuarios?handler=Desactivar&id={id}");

        Assert.True(SentToSignIn(await person.GetAsync("/correos")));
        var signIn = await PanelSession.Anonymous(_app).PostFormAsync("/cuenta/ingresar",
            new() { ["Input.Email"] = "luis@optica.ec", ["Input.Password"] = "una-clave-bastante-larga" });
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("desactivado", await (await chief.GetAsync("/usuarios")).Content.ReadAsStringAsync(Ct));

        await chief.PostFormAsync("/usuarios", [], $"/usuarios?handler=Desbloquear&id={id}");
        var back = await PanelSession.SignInAsync(_app, CarteroRoles.Soporte, "luis@optica.ec");
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/correos")).StatusCode);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_deactivated()
    {
        var chief = await PanelSession.SignInAsync(_app, CarteroRoles.Admin, "jefa@optica.ec");

        await chief.PostFormAsync("/usuarios", [], $"/usuarios?handler=Desactivar&id={await IdOfAsync("jefa@optica.ec")}");

        Assert.Equal(HttpStatusCode.OK, (await chief.GetAsync("/usuarios")).StatusCode);
    }

    [GeneratedRegex("crt_[A-Za-z0-9_-]+")]
    private static partial Regex SecretPattern();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
