using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Tracking.Bounces;

/// <summary>
/// The bounce mailbox in the mail settings: its password is stored encrypted, never shown, audited only as
/// "configurada"/"cambiada", and only ever goes to the server it was typed for; the return path is the SMTP
/// envelope sender, tagged per email.
/// </summary>
public sealed class BounceMailboxSettingsTests() : AppTestBase(null)
{
    private const string ImapPassword = "Buzon-Rebotes-Secreto-93";

    private static JsonObject Settings(int smtpPort, JsonObject? bounce, int version)
    {
        var body = new JsonObject
        {
            ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = smtpPort, ["security"] = "none",
            ["fromAddress"] = "notificaciones@optica.ec", ["version"] = version,
        };
        if (bounce is not null)
        {
            body["bounceMailbox"] = bounce.DeepClone();
        }

        return body;
    }

    private static JsonObject Bounce(string? password = ImapPassword, string host = "imap.optica.ec", int port = 993, string user = "rebotes", string? returnPath = "rebotes@optica.ec") => new()
    {
        ["enabled"] = true, ["host"] = host, ["port"] = port, ["security"] = "sslonconnect", ["username"] = user,
        ["password"] = password, ["folder"] = "INBOX", ["returnPath"] = returnPath,
    };

    [Fact]
    public async Task The_password_is_stored_encrypted_never_answered_and_audited_without_its_value()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);

        var saved = await admin.PutAsJsonAsync("/api/v1/settings/mail", Settings(2525, Bounce(), 0), Ct);
        var text = await saved.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.DoesNotContain(ImapPassword, text);
        var view = JsonNode.Parse(text)!["bounceMailbox"]!;
        Assert.True((bool)view["enabled"]!);
        Assert.True((bool)view["passwordConfigured"]!);
        Assert.Equal("imap.optica.ec", (string?)view["host"]);
        Assert.Equal("rebotes@optica.ec", (string?)view["returnPath"]);
        Assert.Null(view["password"]);
        Assert.DoesNotContain(ImapPassword, await admin.GetStringAsync("/api/v1/settings/mail", Ct));

        var stored = await app.WithDbAsync(db => db.MailSettings.AsNoTracking().SingleAsync(Ct));
        Assert.NotNull(stored.BouncePasswordEncrypted);
        Assert.DoesNotContain(ImapPassword, stored.BouncePasswordEncrypted);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "cambiar_configuracion_correo").Select(a => a.Details).SingleAsync(Ct));
        Assert.Contains("\"buzon_rebotes_contrasena\":\"configurada\"", audit);
        Assert.Contains("\"buzon_rebotes_servidor\":{\"antes\":null,\"despues\":\"imap.optica.ec\"}", audit);
        Assert.DoesNotContain(ImapPassword, audit);

        // Leaving the mailbox out of a change keeps it, password included.
        var kept = await admin.PutAsJsonAsync("/api/v1/settings/mail", Settings(2526, null, 1), Ct);
        var keptView = (await kept.Content.ReadFromJsonAsync<JsonObject>(Ct))!["bounceMailbox"]!;
        Assert.True((bool)keptView["passwordConfigured"]!);
        Assert.Equal("imap.optica.ec", (string?)keptView["host"]);
    }

    public static TheoryData<string> DestinationChanges() => ["host", "port", "username", "security"];

    [Theory]
    [MemberData(nameof(DestinationChanges))]
    public async Task Changing_where_the_stored_password_goes_requires_typing_it_again(string field)
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", Settings(2525, Bounce(), 0), Ct)).EnsureSuccessStatusCode();

        var changed = Bounce(password: null);
        changed[field] = field switch
        {
            "host" => "imap.atacante.ec",
            "port" => 143,
            "username" => "otro",
            _ => "none",
        };
        var refused = await admin.PutAsJsonAsync("/api/v1/settings/mail", Settings(2525, changed, 1), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.StartsWith("Vuelva a escribir la contraseña del buzón de rebotes", (string?)problem!["errors"]!["bounceMailbox.password"]![0]);
        Assert.Equal(1, await app.WithDbAsync(db => db.MailSettings.Select(s => s.Version).SingleAsync(Ct)));

        changed["password"] = "Nueva-Clave-Del-Buzon";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/mail", Settings(2525, changed, 1), Ct)).StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Details).FirstAsync(Ct));
        Assert.Contains("\"buzon_rebotes_contrasena\":\"cambiada\"", audit);
    }

    [Fact]
    public async Task Bad_mailbox_fields_are_refused_one_by_one_in_spanish()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var bad = new JsonObject
        {
            ["enabled"] = true, ["host"] = "imap://mal host", ["port"] = 0, ["security"] = "tls13",
            ["password"] = "sin-usuario", ["folder"] = "INBOX*", ["returnPath"] = "rebotes+x@optica.ec",
        };

        var response = await admin.PutAsJsonAsync("/api/v1/settings/mail", Settings(2525, bad, 0), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.Equal(
            ["bounceMailbox.folder", "bounceMailbox.host", "bounceMailbox.port", "bounceMailbox.returnPath", "bounceMailbox.security", "bounceMailbox.username"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("Cartero añade '+<id>'", (string?)errors["bounceMailbox.returnPath"]![0]);
        Assert.False(await app.WithDbAsync(db => db.MailSettings.AnyAsync(Ct)));
    }

    [Fact]
    public async Task With_a_return_path_each_email_leaves_with_its_own_tagged_envelope_sender()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Worker:Enabled"] = "true", ["Cartero:Worker:PollInterval"] = "00:00:00.100" });
        var admin = await app.CreateApiClientAsync(admin: true);
        var bounce = Bounce();
        bounce["enabled"] = false;
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", Settings(smtp.Port, bounce, 0), Ct)).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "comprobante", ["to"] = new JsonObject { ["address"] = "ana@correo.ec", ["kind"] = "cliente" },
            ["entity"] = new JsonObject { ["type"] = "venta", ["id"] = "V-9" }, ["subject"] = "Comprobante", ["text"] = "Adjunto.",
        }, Ct);
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
        await Eventually.WaitForAsync(() => app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct)), e => e.Status == EmailStatus.Enviado, "enviado");

        var messages = await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count > 0, "el servidor SMTP recibe el correo");
        var message = Assert.Single(messages);
        Assert.Equal($"rebotes+{id:N}@optica.ec", message.From);
        Assert.Contains("From: notificaciones@optica.ec", message.Raw);
    }
}
