using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Cartero.Features.Accounts;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Npgsql;

namespace Cartero.Tests.Features.Accounts;

/// <summary>
/// "¿Olvidó su contraseña?" and invitations, on both engines, against the recording SMTP peer: the link works once,
/// its code is found nowhere Cartero writes, and the page answers alike for known and unknown addresses.
/// </summary>
public abstract partial class PasswordRecoveryTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private const string OldPassword = "una-clave-bastante-larga";
    private const string NewPassword = "otra-clave-nueva-y-larga-42";

    private static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.100",
            ["Cartero:Accounts:PublicUrl"] = "http://localhost",
            ["Cartero:Retention:JobEnabled"] = "false",
            // Request lines and handler logs at Information: the code must stay out of the log even so.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return settings;
    }

    [Fact]
    public async Task The_mailed_link_sets_a_password_once_ends_other_sessions_and_its_code_is_nowhere_stored_logged_or_shown()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(Settings());
        await app.ConfigureSmtpAsync(smtp.Port);
        var other = await PanelSession.SignInAsync(app, CarteroRoles.Soporte, "carla@optica.ec");
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin, "jefa@optica.ec");

        var answer = await PanelSession.Anonymous(app).PostFormAsync("/cuenta/recuperar", new() { ["Input.Email"] = "carla@optica.ec" });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/cuenta/recuperar/enviado", answer.Headers.Location!.OriginalString);

        var message = await WaitForMessageAsync(smtp, "carla@optica.ec");
        Assert.Equal("Recuperación de su contraseña", message.Subject);
        var (link, code) = LinkIn(message);
        var row = await app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.Type == "recuperacion_contrasena", Ct));
        Assert.Equal(("usuario", "automatico", PasswordLinks.ActorName), (row.EntityType, row.Origin, row.OriginatedBy));
        var stored = await app.WithDbAsync(db => db.EmailContents.AsNoTracking().SingleAsync(c => c.EmailId == row.Id, Ct));
        Assert.Contains($"codigo={PasswordLinks.Marker}", stored.Text, StringComparison.Ordinal);

        var person = PanelSession.Anonymous(app);
        await SetPasswordThroughAsync(person, link, NewPassword, expectSuccess: true);
        await AssertSignsInAsync(app, "carla@optica.ec", NewPassword, true);
        await AssertSignsInAsync(app, "carla@optica.ec", OldPassword, false);
        // The reset changed the security stamp: the session opened before it is gone.
        var stale = await other.GetAsync("/correos");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Contains("/cuenta/ingresar", stale.Headers.Location!.ToString(), StringComparison.Ordinal);

        // Used once: the same link again is refused and the password stays.
        await SetPasswordThroughAsync(PanelSession.Anonymous(app), link, "una-tercera-clave-larga", expectSuccess: false);
        await AssertSignsInAsync(app, "carla@optica.ec", NewPassword, true);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync(Ct));
        Assert.Contains("solicitar_recuperacion_contrasena", audit);
        Assert.Contains("restablecer_contrasena_con_enlace", audit);

        // Nowhere: panel pages, API answers and exports, the data folder (database file, attachments, app log), every table.
        var api = await app.CreateApiClientAsync(admin: true);
        var answers = new StringBuilder();
        foreach (var page in new[] { "/correos", $"/correos/{row.Id}", $"/correos/{row.Id}?handler=Vista", "/correos/exportar?formato=csv", "/auditoria", "/auditoria?handler=Exportar", "/usuarios" })
        {
            answers.AppendLine(await (await admin.GetAsync(page)).Content.ReadAsStringAsync(Ct));
        }

        foreach (var path in new[] { "/api/v1/emails", $"/api/v1/emails/{row.Id}", "/api/v1/emails/export?format=csv", "/api/v1/audit" })
        {
            answers.AppendLine(await (await api.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct));
        }

        Assert.Contains(PasswordLinks.Marker, answers.ToString(), StringComparison.Ordinal);
        var haystacks = new List<(string Where, string Text)> { ("respuestas", answers.ToString()) };
        haystacks.AddRange(await DataFolderAsync(app));
        if (OnPostgres)
        {
            haystacks.Add(("pg_dump", await DumpAsync(app.PostgresConnectionString!)));
        }

        // The log is there and was written at Information, but without request lines (where a followed link's code travels).
        var log = Assert.Single(haystacks, h => h.Where == Path.GetFileName(app.LogFile)).Text;
        Assert.Contains("Information", log, StringComparison.Ordinal);
        Assert.DoesNotContain(AccountsModule.RequestLineCategory, log, StringComparison.Ordinal);
        foreach (var needle in Needles(code))
        {
            foreach (var (where, text) in haystacks)
            {
                Assert.False(text.Contains(needle, StringComparison.Ordinal), $"El código del enlace apareció en {where}");
            }
        }
    }

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_gets_mail()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(Settings());
        await app.ConfigureSmtpAsync(smtp.Port);
        await PanelSession.SignInAsync(app, CarteroRoles.Vendedor, "pedro@optica.ec");

        var known = await PanelSession.Anonymous(app).PostFormAsync("/cuenta/recuperar", new() { ["Input.Email"] = "pedro@optica.ec" });
        var unknown = await PanelSession.Anonymous(app).PostFormAsync("/cuenta/recuperar", new() { ["Input.Email"] = "nadie@optica.ec" });

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Equal(await known.Content.ReadAsStringAsync(Ct), await unknown.Content.ReadAsStringAsync(Ct));
        var page = await PanelSession.Anonymous(app).GetStringAsync(known.Headers.Location!.OriginalString);
        Assert.Contains("Si el correo que escribió corresponde a una cuenta activa", page, StringComparison.Ordinal);

        await WaitForMessageAsync(smtp, "pedro@optica.ec");
        var rows = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.Type == "recuperacion_contrasena").Select(e => e.ToAddress).ToListAsync(Ct));
        Assert.Equal(["pedro@optica.ec"], rows);
    }

    [Fact]
    public async Task Requests_are_limited_per_address_and_per_ip_with_a_spanish_429()
    {
        var app = await NewAppAsync(Settings(new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "false",
            ["Cartero:Accounts:RequestsPerAddressPerHour"] = "2",
            ["Cartero:Accounts:RequestsPerIpPerHour"] = "4",
        }));
        var browser = PanelSession.Anonymous(app);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/cuenta/recuperar", new() { ["Input.Email"] = "ana@optica.ec" })).StatusCode);
        }

        var third = await browser.PostFormAsync("/cuenta/recuperar", new() { ["Input.Email"] = "ANA@optica.ec" });
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Contains("Se pidieron demasiados enlaces", await third.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The same IP: two more addresses fit in its four, the next one does not.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/cuenta/recuperar", new() { ["Input.Email"] = "beto@optica.ec" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync("/cuenta/recuperar", new() { ["Input.Email"] = "carmen@optica.ec" })).StatusCode);
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_a_fresh_one_within_the_lifetime_works()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = (await NewAppAsync(Settings(new Dictionary<string, string?> { ["Cartero:Worker:Enabled"] = "false", ["Cartero:Accounts:LinkLifetime"] = "00:30:00" }))).WithTime(time);
        await PanelSession.SignInAsync(app, CarteroRoles.Gerente, "gema@optica.ec");
        var (userId, code) = await TokenForAsync(app, "gema@optica.ec");

        time.Advance(TimeSpan.FromMinutes(31));
        await SetPasswordThroughAsync(PanelSession.Anonymous(app), $"/cuenta/restablecer?usuario={userId}&codigo={Uri.EscapeDataString(code)}", NewPassword, expectSuccess: false);
        await AssertSignsInAsync(app, "gema@optica.ec", NewPassword, false);

        (userId, code) = await TokenForAsync(app, "gema@optica.ec");
        time.Advance(TimeSpan.FromMinutes(29));
        await SetPasswordThroughAsync(PanelSession.Anonymous(app), $"/cuenta/restablecer?usuario={userId}&codigo={Uri.EscapeDataString(code)}", NewPassword, expectSuccess: true);
        await AssertSignsInAsync(app, "gema@optica.ec", NewPassword, true);
    }

    [Fact]
    public async Task An_admin_invites_a_person_who_sets_their_first_password_from_the_mail()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(Settings());
        await app.ConfigureSmtpAsync(smtp.Port);
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);

        var answer = await admin.PostFormAsync("/usuarios", new()
        {
            ["Input.FullName"] = "Olga Torres", ["Input.Email"] = "olga@optica.ec", ["Input.Roles"] = CarteroRoles.Optometrista,
        }, "/usuarios?handler=Invitar");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Se envió a olga@optica.ec una invitación", html, StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            Assert.False(await users.HasPasswordAsync((await users.FindByEmailAsync("olga@optica.ec"))!));
        }

        var message = await WaitForMessageAsync(smtp, "olga@optica.ec");
        Assert.Equal("Le damos la bienvenida: cree su contraseña", message.Subject);
        var (link, _) = LinkIn(message);
        await SetPasswordThroughAsync(PanelSession.Anonymous(app), link, NewPassword, expectSuccess: true);
        await AssertSignsInAsync(app, "olga@optica.ec", NewPassword, true);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => new { a.Action, a.Actor }).ToListAsync(Ct));
        Assert.Contains(audit, a => a.Action == "invitar_usuario" && a.Actor == "admin@optica.ec");
        Assert.Contains(audit, a => a.Action == "crear_contrasena_inicial" && a.Actor == "olga@optica.ec");
    }

    [Fact]
    public async Task A_recovery_row_enqueued_by_someone_else_or_to_another_address_gets_no_code()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(Settings());
        await app.ConfigureSmtpAsync(smtp.Port);
        await PanelSession.SignInAsync(app, CarteroRoles.Admin, "duena@optica.ec");
        var userId = (await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "duena@optica.ec", Ct))).Id;
        var api = await app.CreateApiClientAsync();

        // Through the API with the marker in its own body, aimed at the admin's account: only the marker goes out.
        var response = await api.PostAsJsonAsync("/api/v1/emails", new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "recuperacion_contrasena",
            ["to"] = new System.Text.Json.Nodes.JsonObject { ["address"] = "intruso@correo.ec" },
            ["entity"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "usuario", ["id"] = userId.ToString() },
            ["subject"] = "Enlace",
            ["text"] = $"http://localhost/cuenta/restablecer?usuario={userId}&codigo={PasswordLinks.Marker}",
        }, Ct);
        response.EnsureSuccessStatusCode();

        var message = await WaitForMessageAsync(smtp, "intruso@correo.ec");
        Assert.Contains($"codigo={PasswordLinks.Marker}", message.TextBody, StringComparison.Ordinal);
    }

    private static async Task<(Guid UserId, string Code)> TokenForAsync(CarteroAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return (user.Id, await users.GeneratePasswordResetTokenAsync(user));
    }

    private static async Task SetPasswordThroughAsync(PanelSession browser, string link, string password, bool expectSuccess)
    {
        var path = link.StartsWith("http", StringComparison.Ordinal) ? new Uri(link).PathAndQuery : link;
        var landing = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal("/cuenta/restablecer", landing.Headers.Location!.OriginalString);
        var form = await browser.GetStringAsync("/cuenta/restablecer");
        Assert.DoesNotContain(path.Split("codigo=")[1], form, StringComparison.Ordinal);
        var posted = await browser.PostFormAsync("/cuenta/restablecer", new() { ["Input.Password"] = password, ["Input.Confirmation"] = password });
        if (expectSuccess)
        {
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Equal("/cuenta/ingresar?contrasena=actualizada", posted.Headers.Location!.OriginalString);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Contains(Cartero.Pages.Cuenta.RestablecerModel.Spent, await posted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    private static async Task AssertSignsInAsync(CarteroAppFactory app, string email, string password, bool expected)
    {
        var response = await PanelSession.Anonymous(app).PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(expected ? HttpStatusCode.Redirect : HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<MimeMessage> WaitForMessageAsync(SmtpPeer smtp, string to)
    {
        var messages = await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Any(x => x.To.Contains(to)), $"el correo a {to}");
        using var raw = new MemoryStream(Encoding.UTF8.GetBytes(messages.First(x => x.To.Contains(to)).Raw));
        return await MimeMessage.LoadAsync(raw, Ct);
    }

    private static (string Link, string Code) LinkIn(MimeMessage message)
    {
        var match = LinkPattern().Match(message.TextBody ?? "");
        Assert.True(match.Success, "El correo no trae el enlace");
        var html = WebUtility.HtmlDecode(message.HtmlBody);
        Assert.Contains(match.Value, html, StringComparison.Ordinal);
        Assert.NotEqual(PasswordLinks.Marker, match.Groups[1].Value);
        return (match.Value, Uri.UnescapeDataString(match.Groups[1].Value));
    }

    /// <summary>The code as it travels (escaped), as it is, and its random part alone.</summary>
    private static IEnumerable<string> Needles(string code) =>
        [code, Uri.EscapeDataString(code), code[^32..]];

    private static async Task<List<(string Where, string Text)>> DataFolderAsync(CarteroAppFactory app)
    {
        var found = new List<(string, string)>();
        foreach (var path in Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories))
        {
            if (path.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            await file.CopyToAsync(bytes, Ct);
            found.Add((Path.GetRelativePath(app.DataDirectory, path), Encoding.Latin1.GetString(bytes.ToArray())));
        }

        return found;
    }

    /// <summary>Every table of the database as <c>pg_dump</c> writes it.</summary>
    private static async Task<string> DumpAsync(string connectionString)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pg_dump")
        {
            ArgumentList = { "--data-only", "-h", cs.Host!, "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username!, cs.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, await error);
        var dump = await output;
        Assert.Contains("log_envio_correo_contenido", dump, StringComparison.Ordinal);
        return dump;
    }

    [GeneratedRegex(@"http://localhost/cuenta/restablecer\?usuario=[0-9a-f-]{36}&codigo=([^\s""<>&]+)")]
    private static partial Regex LinkPattern();
}

public sealed class SqlitePasswordRecoveryTests() : PasswordRecoveryTests(null);

public sealed class PostgresPasswordRecoveryTests(PostgresCluster postgres) : PasswordRecoveryTests(postgres);
