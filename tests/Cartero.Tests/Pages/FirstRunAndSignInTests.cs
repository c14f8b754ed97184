using System.Net;
using System.Text.RegularExpressions;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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

        var audit = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync(Ct));
        var created = Assert.Single(audit, a => a.Action == "crear_primer_administrador");
        Assert.Equal("maria@optica.ec", created.Target);
        Assert.Contains("configuracion_inicial", created.Details);
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains("una-clave-bastante-larga", StringComparison.Ordinal) || (a.Details ?? "").Contains(code, StringComparison.Ordinal));
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

        Assert.Equal(0, await Cartero.Platform.Cli.CliModule.RunAsync(app.Services, ["admin", "create", "--email", "segunda@optica.ec", "--name", "Segunda"], new StringWriter(), error));
        var audit = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal(["crear_primer_administrador", "crear_administrador"], audit.Where(a => a.Action.StartsWith("crear_", StringComparison.Ordinal)).Select(a => a.Action));
        Assert.Equal("jefe@optica.ec", audit.First(a => a.Action == "crear_primer_administrador").Target);
        Assert.StartsWith("cli:", audit.First(a => a.Action == "crear_primer_administrador").Actor, StringComparison.Ordinal);
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains(password, StringComparison.Ordinal));
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
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await browser.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = "x@optica.ec", ["Input.Password"] = "nada-de-nada" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // A page in the layout, in Spanish, saying how long to wait; the same wait in Retry-After.
        var page = await last.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("text/html", last.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var seconds = int.Parse(last.Headers.GetValues("Retry-After").Single());
        Assert.InRange(seconds, 1, 60);
        Assert.Contains("Demasiados intentos", page);
        Assert.Contains($"Espere {seconds} segundos", page);
        Assert.Contains("css/cartero.css", page);
    }

    [GeneratedRegex(@"código de un solo uso ([A-Z2-9]{4}-[A-Z2-9]{4})")]
    private static partial Regex CodePattern();
}
