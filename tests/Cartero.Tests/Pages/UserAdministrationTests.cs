using System.Net;
using System.Text.RegularExpressions;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Pages;

public sealed partial class UserAdministrationTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_person_whose_temporary_password_works_and_changes_their_roles()
    {
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);

        var created = await admin.PostFormAsync("/usuarios", new()
        {
            ["Input.FullName"] = "Carla Vélez", ["Input.Email"] = "carla@optica.ec", ["Input.Roles"] = CarteroRoles.Vendedor,
        }, "/usuarios?handler=Crear");
        var page = await created.Content.ReadAsStringAsync(Ct);
        var password = PasswordPattern().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(password), "La contraseña temporal debía mostrarse una vez");

        var carla = PanelSession.Anonymous(_app);
        var signIn = await carla.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = "carla@optica.ec", ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await carla.GetAsync("/correos")).StatusCode);

        Guid id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>().FindByEmailAsync("carla@optica.ec"))!.Id;
        }

        var changed = await admin.PostFormAsync("/usuarios", new() { ["roles"] = CarteroRoles.Soporte }, $"/usuarios?handler=Roles&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            Assert.Equal([CarteroRoles.Soporte], await users.GetRolesAsync((await users.FindByIdAsync(id.ToString()))!));
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_creates_nobody()
    {
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);

        var response = await admin.PostFormAsync("/usuarios", new()
        {
            ["Input.FullName"] = "", ["Input.Email"] = "no-es-correo", ["Input.Roles"] = CarteroRoles.Cliente,
        }, "/usuarios?handler=Crear");
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("Ingrese el nombre.", page);
        Assert.Contains("Ingrese un correo válido.", page);
        Assert.Contains("Un cliente necesita su id de cliente", page);
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Single(scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>().Users);
    }

    [Fact]
    public async Task The_last_admin_keeps_the_admin_role_and_only_admins_reach_the_page()
    {
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);
        Guid id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>().FindByEmailAsync("admin@optica.ec"))!.Id;
        }

        await admin.PostFormAsync("/usuarios", new() { ["roles"] = CarteroRoles.Gerente }, $"/usuarios?handler=Roles&id={id}");
        Assert.Contains("último administrador", await admin.GetStringAsync("/usuarios"));

        var gerente = await PanelSession.SignInAsync(_app, CarteroRoles.Gerente);
        Assert.StartsWith("http://localhost/cuenta/acceso-denegado", (await gerente.GetAsync("/usuarios")).Headers.Location!.ToString());
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [GeneratedRegex("<code id=\"contrasena-temporal\">([^<]+)</code>")]
    private static partial Regex PasswordPattern();
}
