using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Settings;

public abstract class MailSettingsApiTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private const string Password = "Sup3r-Secreta-SMTP!";
    private const string ApiKey = "SG.abcdefghijklmnop.QRSTUVWXYZ0123456789wxyz";

    private static JsonObject Smtp(int port, string? password = Password) => new()
    {
        ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = port, ["security"] = "none",
        ["username"] = "cartero", ["password"] = password, ["fromAddress"] = "facturas@optica.ec", ["fromName"] = "Óptica Visión",
    };

    [Fact]
    public async Task Secrets_are_masked_kept_when_omitted_and_changes_are_audited()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true, name: "operador");

        var before = await admin.GetFromJsonAsync<JsonObject>("/api/v1/settings/mail", Ct);
        Assert.False((bool)before!["configured"]!);
        Assert.Equal("pickup", (string?)before["provider"]);

        var saved = await admin.PutAsJsonAsync("/api/v1/settings/mail", Smtp(2525), Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await saved.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.True((bool)view!["passwordConfigured"]!);
        Assert.Null(view["password"]);
        Assert.Equal(1, (int)view["version"]!);

        var withoutPassword = Smtp(2525, password: null);
        withoutPassword["fromName"] = "Sucursal Centro";
        withoutPassword["version"] = 1;
        var kept = await (await admin.PutAsJsonAsync("/api/v1/settings/mail", withoutPassword, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.True((bool)kept!["passwordConfigured"]!);
        Assert.Equal("Sucursal Centro", (string?)kept["fromName"]);

        var stale = Smtp(2527);
        stale["version"] = 1;
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/api/v1/settings/mail", stale, Ct)).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "cambiar_configuracion_correo").OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("apikey:operador", a.Actor));
        Assert.Contains("\"contrasena\":\"configurada\"", audit[0].Details);
        Assert.Contains("\"remitente_nombre\":{\"antes\":", audit[1].Details);
        Assert.Contains("\"despues\":\"Sucursal Centro\"}", audit[1].Details);
        Assert.DoesNotContain("contrasena", audit[1].Details);
    }

    [Fact]
    public async Task Bad_settings_are_refused_field_by_field_and_nothing_is_saved()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var bad = new JsonObject
        {
            ["provider"] = "smtp", ["host"] = "smtp://mal host", ["port"] = 70000, ["security"] = "tls13",
            ["username"] = "cartero", ["fromAddress"] = "no-es-correo", ["replyTo"] = "tampoco", ["trustedCertificateSha256"] = "abc",
        };

        var response = await admin.PutAsJsonAsync("/api/v1/settings/mail", bad, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        foreach (var field in new[] { "host", "port", "security", "password", "fromAddress", "replyTo", "trustedCertificateSha256" })
        {
            Assert.True(errors.ContainsKey(field), $"falta el error de {field}");
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.MailSettings.CountAsync(Ct)));
        var sendgrid = new JsonObject { ["provider"] = "sendgrid", ["fromAddress"] = "facturas@optica.ec" };
        var noKey = await admin.PutAsJsonAsync("/api/v1/settings/mail", sendgrid, Ct);
        Assert.True((await noKey.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject().ContainsKey("apiKey"));
    }

    [Fact]
    public async Task Only_admin_keys_reach_the_settings()
    {
        var app = await NewAppAsync();
        var plain = await app.CreateApiClientAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/api/v1/settings/mail", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/api/v1/audit/verify", Ct)).StatusCode);
        var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync("/api/v1/settings/mail", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_test_send_answers_with_the_providers_words_explained_and_is_logged_and_audited()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = Password }, Ct);
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", Smtp(smtp.Port), Ct)).EnsureSuccessStatusCode();

        var ok = await (await admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec" }, Ct))
            .Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("Accepted", (string?)ok!["outcome"]);
        Assert.Equal("enviado", (string?)ok["status"]);
        Assert.Contains("funciona", (string?)ok["explanation"]);
        Assert.Single(await smtp.GetMessagesAsync(Ct));

        var proposal = Smtp(smtp.Port, "clave-equivocada");
        var refused = await (await admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec", ["settings"] = proposal }, Ct))
            .Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("AccountFailure", (string?)refused!["outcome"]);
        Assert.Equal(535, (int)refused["code"]!);
        Assert.Equal("El servidor rechazó la autenticación (535): revise usuario y contraseña.", (string?)refused["explanation"]);
        Assert.Equal("fallido", (string?)refused["status"]);

        var tests = await app.WithDbAsync(db => db.Emails.Where(e => e.Type == "prueba").ToListAsync(Ct));
        Assert.Equal([EmailStatus.Enviado, EmailStatus.Fallido], tests.OrderBy(e => e.RequestedAt).ThenBy(e => e.Id).Select(e => e.Status).Order());
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "probar_configuracion_correo", Ct)));
        var stored = await admin.GetFromJsonAsync<JsonObject>("/api/v1/settings/mail", Ct);
        Assert.Equal(1, (int)stored!["version"]!);
    }

    [Fact]
    public async Task A_password_and_an_api_key_appear_nowhere_outside_memory()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = Password }, Ct);
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var answers = new StringBuilder();
        async Task Call(Task<HttpResponseMessage> call) => answers.AppendLine(await (await call).Content.ReadAsStringAsync(Ct));

        var sendgrid = new JsonObject { ["provider"] = "sendgrid", ["apiKey"] = ApiKey, ["fromAddress"] = "facturas@optica.ec", ["sendGridBaseUrl"] = "http://127.0.0.1:9" };
        await Call(admin.PutAsJsonAsync("/api/v1/settings/mail", sendgrid, Ct));
        var smtpSettings = Smtp(smtp.Port);
        smtpSettings["version"] = 1;
        await Call(admin.PutAsJsonAsync("/api/v1/settings/mail", smtpSettings, Ct));
        await Call(admin.GetAsync("/api/v1/settings/mail", Ct));
        await Call(admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec" }, Ct));
        var wrong = Smtp(smtp.Port, "Otra-Clave-Secreta-99");
        await Call(admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec", ["settings"] = wrong }, Ct));
        await Call(admin.GetAsync("/api/v1/audit", Ct));
        await Call(admin.GetAsync("/api/v1/emails", Ct));

        var auditRows = string.Join("\n", await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Details ?? "").ToListAsync(Ct)));
        var logs = File.Exists(app.LogFile) ? await File.ReadAllTextAsync(app.LogFile, Ct) : "";
        var haystacks = new Dictionary<string, string> { ["respuestas"] = answers.ToString(), ["auditoria"] = auditRows, ["logs"] = logs };
        if (!OnPostgres)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(app.DataDirectory, "cartero.db*"))
            {
                haystacks[Path.GetFileName(file)] = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, Ct));
            }
        }
        else
        {
            haystacks["tabla"] = string.Join("\n", await app.WithDbAsync(db => db.MailSettings.Select(s => (s.PasswordEncrypted ?? "") + (s.ApiKeyEncrypted ?? "")).ToListAsync(Ct)));
        }

        foreach (var secret in new[] { Password, ApiKey, "Otra-Clave-Secreta-99" })
        {
            foreach (var (where, text) in haystacks)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"El secreto apareció en {where}");
            }
        }

        Assert.Contains("wxyz", answers.ToString());
    }
}

public sealed class SqliteMailSettingsApiTests() : MailSettingsApiTests(null);

public sealed class PostgresMailSettingsApiTests(PostgresCluster postgres) : MailSettingsApiTests(postgres);
