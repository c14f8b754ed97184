using System.Net;
using System.Text.RegularExpressions;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Pages;

public sealed partial class FirstRunAndSignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_admin_is_created_only_with_the_code_printed_at_start_up()
    {
        await using var app = new CarteroAppFactory();
        var browser = PanelSession.Anonymous(app);

        var login = await browser.GetStringAsync("/cuenta/ingresar");
        Assert.Contains("/configuracion-inicial", login);
        var code = CodePattern().Match(await File.ReadAllTextAsync(app.LogFile, Ct)).Groups[1].Value;
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);

        var form = new Dictionary<string, string>
        {
            ["Input.Code"] = "AAAA-BBBB", ["Input.FullName"] = "María Andrade", ["Input.Email"] = "maria@optica.ec",
            ["Input.Password"] = "una-clave-bastante-larga", ["Input.ConfirmPassword"] = "una-clave-bastante-larga",
        };
        var wrong = await browser.PostFormAsync("/configuracion-inicial", form);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("El código no es correcto", await wrong.Content.ReadAsStringAsync(Ct));

        form["Input.Code"] = code.ToLowerInvariant();
        var ok = await browser.PostFormAsync("/configuracion-inicial", new Dictionary<string, string>(form));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var home = await browser.GetAsync("/");
        Assert.Equal("/correos", home.Headers.Location?.OriginalString);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            var maria = await users.FindByEmailAsync("maria@optica.ec");
            Assert.True(await users.IsInRoleAsync(maria!, CarteroRoles.Admin));
        }

        var closed = await PanelSession.Anonymous(app).GetStringAsync("/configuracion-inicial");
        Assert.Contains("ya tiene un administrador", closed);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        await using var app = new CarteroAppFactory();
        await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var browser = PanelSession.Anonymous(app);

        string last = "";
        for (var i = 0; i < 5; i++)
        {
            var response = await browser.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = "soporte@optica.ec", ["Input.Password"] = "equivocada-" + i });
            last = await response.Content.ReadAsStringAsync(Ct);
        }

        Assert.Contains("bloqueada", last);
        var right = await browser.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = "soporte@optica.ec", ["Input.Password"] = "una-clave-bastante-larga" });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("bloqueada", await right.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_admin_create_verb_prints_a_working_password_once_as_the_last_line()
    {
        await using var app = new CarteroAppFactory();
        _ = app.Services;
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await Cartero.Platform.Cli.CliModule.RunAsync(app.Services, ["admin", "create", "--email", "jefe@optica.ec", "--name", "Jefe"], output, error);

        Assert.Equal(0, exit);
        var password = output.ToString().TrimEnd().Split('\n')[^1].Trim();
        Assert.True(password.Length >= 20);
        var browser = PanelSession.Anonymous(app);
        var signIn = await browser.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = "jefe@optica.ec", ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var app = new CarteroAppFactory();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/correos")).StatusCode);

        var signOut = await admin.PostFormAsync("/correos", [], "/cuenta/salir");

        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/correos")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_address()
    {
        await using var app = new CarteroAppFactory(settings: new Dictionary<string, string?> { ["Cartero:Panel:SignInAttemptsPerMinute"] = "3" });
        var browser = PanelSession.Anonymous(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await browser.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = "x@optica.ec", ["Input.Password"] = "nada-de-nada" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [GeneratedRegex(@"código de un solo uso ([A-Z2-9]{4}-[A-Z2-9]{4})")]
    private static partial Regex CodePattern();
}
