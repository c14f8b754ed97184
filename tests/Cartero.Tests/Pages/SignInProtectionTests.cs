using System.Net;
using System.Text.RegularExpressions;
using Cartero.Pages.Cuenta;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Cartero.Tests.Pages;

/// <summary>
/// Sign-in protection: the same answer and the same password work for unknown and known accounts, a progressive
/// delay instead of a lockout, per account and per address, and an audit row for each sign-in, failure and wait.
/// </summary>
public sealed partial class SignInProtectionTests
{
    private const string Password = "una-clave-bastante-larga";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> TryAsync(PanelSession browser, string email, string password) =>
        browser.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private static async Task<string> SummaryAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(Summary().Match(await response.Content.ReadAsStringAsync(Ct)).Groups[1].Value).Trim();

    private static CarteroAppFactory NewApp(FakeTimeProvider time, Dictionary<string, string?>? settings = null) =>
        new CarteroAppFactory(settings: settings).WithTime(time);

    [Fact]
    public async Task An_unknown_account_costs_the_same_password_check_and_gets_the_same_answer_as_a_wrong_password()
    {
        var hasher = new CountingHasher();
        await using var app = new CarteroAppFactory().WithServices(s =>
        {
            s.RemoveAll<IPasswordHasher<CarteroUser>>();
            s.AddSingleton<IPasswordHasher<CarteroUser>>(hasher);
        });
        await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var browser = PanelSession.Anonymous(app);

        hasher.Verifications = 0;
        var known = await TryAsync(browser, "soporte@optica.ec", "no-es-la-clave-correcta");
        var knownChecks = hasher.Verifications;
        hasher.Verifications = 0;
        var unknown = await TryAsync(browser, "nadie@optica.ec", "no-es-la-clave-correcta");
        var unknownChecks = hasher.Verifications;

        Assert.Equal(1, knownChecks);
        Assert.Equal(1, unknownChecks);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(IngresarModel.WrongCredentials, await SummaryAsync(known));
        Assert.Equal(IngresarModel.WrongCredentials, await SummaryAsync(unknown));
    }

    [Fact]
    public async Task After_five_failures_each_attempt_waits_twice_as_long_and_the_right_password_works_once_the_wait_is_over()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = NewApp(time);
        await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var outsider = PanelSession.Anonymous(app);
        for (var i = 0; i < 5; i++)
        {
            var failed = await TryAsync(outsider, "admin@optica.ec", "adivinanza-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Equal(IngresarModel.WrongCredentials, await SummaryAsync(failed));
        }

        var admin = PanelSession.Anonymous(app);
        var tooSoon = await TryAsync(admin, "admin@optica.ec", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Equal("1", tooSoon.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Espere 1 segundos", await SummaryAsync(tooSoon));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/correos")).StatusCode);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(outsider, "admin@optica.ec", "adivinanza-5")).StatusCode);
        var again = await TryAsync(admin, "admin@optica.ec", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal("2", again.Headers.GetValues("Retry-After").Single());

        time.Advance(TimeSpan.FromSeconds(2));
        var right = await TryAsync(admin, "admin@optica.ec", Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/correos")).StatusCode);

        // A complete sign-in clears the account's failures.
        Assert.Equal(IngresarModel.WrongCredentials, await SummaryAsync(await TryAsync(outsider, "admin@optica.ec", "otra-adivinanza")));

        var audit = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal(7, audit.Count(a => a.Action == "ingreso_fallido" && a.Target == "admin@optica.ec"));
        Assert.Equal([1, 2], audit.Where(a => a.Action == "ingreso_demorado").Select(a => SecondsOf(a.Details)));
        Assert.Equal(2, audit.Count(a => a.Action == "ingreso" && a.Actor == "admin@optica.ec"));
        Assert.Contains(audit, a => a.Action == "ingreso_fallido" && a.Details!.Contains("contrasena_incorrecta", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains("adivinanza", StringComparison.Ordinal) || (a.Details ?? "").Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nobody_can_keep_an_admin_out_for_longer_than_the_cap()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = NewApp(time);
        await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var outsider = PanelSession.Anonymous(app);
        var waits = new List<int>();
        for (var failures = 0; failures < 14;)
        {
            var attempt = await TryAsync(outsider, "admin@optica.ec", "adivinanza-" + failures);
            if (attempt.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = int.Parse(attempt.Headers.GetValues("Retry-After").Single());
                waits.Add(wait);
                time.Advance(TimeSpan.FromSeconds(wait));
            }
            else
            {
                failures++;
            }
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(PanelSession.Anonymous(app), "admin@optica.ec", Password)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_account_is_delayed_exactly_like_a_known_one()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = NewApp(time);
        await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var browser = PanelSession.Anonymous(app);
        for (var i = 0; i < 5; i++)
        {
            await TryAsync(browser, "soporte@optica.ec", "mala-" + i);
            await TryAsync(browser, "nadie@optica.ec", "mala-" + i);
        }

        var known = await TryAsync(browser, "soporte@optica.ec", "mala");
        var unknown = await TryAsync(browser, "nadie@optica.ec", "mala");

        Assert.Equal(HttpStatusCode.TooManyRequests, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.GetValues("Retry-After").Single(), unknown.Headers.GetValues("Retry-After").Single());
        Assert.Equal(await SummaryAsync(known), await SummaryAsync(unknown));
    }

    [Fact]
    public async Task Failures_from_one_address_slow_that_address_on_every_account()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = NewApp(time, new Dictionary<string, string?> { ["Cartero:Panel:SignInDelay:FreeFailuresPerAddress"] = "3" });
        await PanelSession.SignInAsync(app, CarteroRoles.Gerente);
        var browser = PanelSession.Anonymous(app);
        foreach (var account in new[] { "uno@optica.ec", "dos@optica.ec", "tres@optica.ec" })
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(browser, account, "mala")).StatusCode);
        }

        var other = await TryAsync(browser, "gerente@optica.ec", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(browser, "gerente@optica.ec", Password)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_authenticator_code_counts_as_a_failure_and_both_steps_are_audited()
    {
        await using var app = new CarteroAppFactory();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var key = TwoFactorTests.KeyPattern().Match(await admin.GetStringAsync("/cuenta/doble-factor")).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        await admin.PostFormAsync("/cuenta/doble-factor", new() { ["Code"] = TwoFactorTests.Totp(key) }, "/cuenta/doble-factor?handler=Activar");

        var browser = PanelSession.Anonymous(app);
        await TryAsync(browser, "admin@optica.ec", Password);
        var wrong = await browser.PostFormAsync("/cuenta/ingresar-codigo", new() { ["Code"] = "000000" == TwoFactorTests.Totp(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var right = await browser.PostFormAsync("/cuenta/ingresar-codigo", new() { ["Code"] = TwoFactorTests.Totp(key) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Contains(audit, a => a.Action == "ingreso_fallido" && a.Details!.Contains("codigo_incorrecto", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "ingreso" && a.Details!.Contains("autenticador", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains(key, StringComparison.OrdinalIgnoreCase));
    }

    private static int SecondsOf(string? details) => int.Parse(SecondsPattern().Match(details ?? "").Groups[1].Value);

    [GeneratedRegex("<div class=\"validation-summary-errors[^>]*><ul><li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex Summary();

    [GeneratedRegex("\"esperaSegundos\":(\\d+)")]
    private static partial Regex SecondsPattern();

    /// <summary>The real hasher, counting how often a password is checked.</summary>
    private sealed class CountingHasher : IPasswordHasher<CarteroUser>
    {
        private readonly PasswordHasher<CarteroUser> _inner = new();

        public int Verifications { get; set; }

        public string HashPassword(CarteroUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(CarteroUser user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
