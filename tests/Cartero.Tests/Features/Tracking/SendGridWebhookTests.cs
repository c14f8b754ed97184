using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Tracking;
using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Tracking;

/// <summary>SendGrid's documented event batches, signed with a key pair the test makes, posted to the real endpoint.</summary>
public abstract class SendGridWebhookTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private sealed record Sent(CarteroAppFactory App, HttpClient Webhook, Guid First, Guid Second, Guid Third);

    private async Task<Sent> ArrangeAsync()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var put = await admin.PutAsJsonAsync("/api/v1/settings/mail/tracking", new
        {
            sendGridWebhookEnabled = true,
            sendGridPublicKey = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo()),
        }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        var first = await DeliveryReportApplierTests.SentEmailAsync(app, "uno@correo.ec");
        var second = await DeliveryReportApplierTests.SentEmailAsync(app, "dos@correo.ec");
        var third = await DeliveryReportApplierTests.SentEmailAsync(app, "tres@correo.ec");
        await app.WithDbAsync(db => db.Emails.Where(e => e.Id == second).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProviderMessageId, "14c5d75ce93dfd64b469"), Ct));
        return new Sent(app, app.CreateClient(), first, second, third);
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A batch in SendGrid's documented shape, pretty-printed the way it arrives, so re-serialising it changes its bytes.</summary>
    private static string Batch(Sent s, long at, string eventId = "ZwtzT4gsSR2Cq0pROqSrxw") => $$"""
        [
          {"email": "uno@correo.ec", "timestamp": {{at}}, "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>", "event": "processed", "sg_event_id": "a{{eventId}}", "sg_message_id": "x.filter0001", "cartero_id": "{{s.First}}"},
          {"email": "uno@correo.ec", "timestamp": {{at}}, "event": "delivered", "response": "250 2.0.0 OK  1700000000 a1-20020a", "sg_event_id": "b{{eventId}}", "sg_message_id": "x.filter0001", "cartero_id": "{{s.First}}"},
          {"email": "uno@correo.ec", "timestamp": {{at + 60}}, "event": "open", "useragent": "Mozilla/5.0", "ip": "190.10.0.1", "sg_event_id": "c{{eventId}}", "sg_message_id": "x.filter0001", "cartero_id": "{{s.First}}"},
          {"email": "dos@correo.ec", "timestamp": {{at}}, "event": "bounce", "type": "bounce", "status": "5.1.1", "reason": "550 5.1.1 The email account that you tried to reach does not exist", "bounce_classification": "Invalid Address", "sg_event_id": "d{{eventId}}", "sg_message_id": "14c5d75ce93dfd64b469.filter0001.16648.5515E0B88.0"},
          {"email": "tres@correo.ec", "timestamp": {{at}}, "event": "deferred", "response": "451 4.7.1 Greylisted, try again later", "attempt": "2", "sg_event_id": "e{{eventId}}", "cartero_id": "{{s.Third}}"},
          {"email": "tres@correo.ec", "timestamp": {{at}}, "event": "account_status_change", "sg_event_id": "f{{eventId}}", "cartero_id": "{{s.Third}}"},
          {"email": "tres@correo.ec", "event": "delivered", "sg_event_id": "g{{eventId}}", "cartero_id": "{{s.Third}}"}
        ]
        """;

    private HttpRequestMessage Signed(string body, long? timestamp = null, Func<byte[], byte[]>? tamper = null, bool sign = true)
    {
        var ts = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid")
        {
            Content = new ByteArrayContent(tamper?.Invoke(bytes) ?? bytes),
        };
        request.Content.Headers.ContentType = new("application/json");
        if (sign)
        {
            var signature = _key.SignData([.. Encoding.UTF8.GetBytes(ts), .. bytes], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", ts);
        }

        return request;
    }

    private static Task<(int Events, int Inbox, EmailStatus[] States)> SnapshotAsync(Sent s) => s.App.WithDbAsync(async db =>
    {
        var states = await db.Emails.Where(e => e.Id == s.First || e.Id == s.Second || e.Id == s.Third).OrderBy(e => e.Id).Select(e => e.Status).ToArrayAsync(Ct);
        return (await db.EmailEvents.CountAsync(Ct), await db.WebhookInbox.CountAsync(Ct), states);
    });

    private static Task<EmailStatus> StatusAsync(Sent s, Guid id) => DeliveryReportApplierTests.StatusAsync(s.App, id);

    [Fact]
    public async Task A_valid_batch_updates_states_and_records_the_servers_text_malformed_and_unknown_events_do_not_stop_it()
    {
        var s = await ArrangeAsync();
        var response = await s.Webhook.SendAsync(Signed(Batch(s, Now - 120)), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(EmailStatus.Abierto, await StatusAsync(s, s.First));
        Assert.Equal(EmailStatus.Rebotado, await StatusAsync(s, s.Second));
        Assert.Equal(EmailStatus.Enviado, await StatusAsync(s, s.Third));
        var item = await s.App.WithDbAsync(db => db.WebhookInbox.SingleAsync(Ct));
        Assert.True(item.SignatureValid);
        Assert.Equal(7, item.EventCount);
        Assert.Contains("3 cambiaron el estado, 1 quedaron como evento", item.ApplyResult);
        Assert.Contains("1 mal formado", item.ApplyResult);
        Assert.Contains("2 sin efecto", item.ApplyResult);
        Assert.Contains("\"event\": \"processed\"", item.Body);

        var bounce = await s.App.WithDbAsync(db => db.DeliveryReports.SingleAsync(r => r.EmailId == s.Second, Ct));
        Assert.Equal(("webhook", "5.1.1", "Invalid Address"), (bounce.Source, bounce.StatusCode, bounce.Reason));
        Assert.Equal("550 5.1.1 The email account that you tried to reach does not exist", bounce.ServerText);
        Assert.Equal("dos@correo.ec", (await s.App.WithDbAsync(db => db.Suppressions.SingleAsync(Ct))).Address);
        var deferred = await s.App.WithDbAsync(db => db.EmailEvents.Where(e => e.EmailId == s.Third).OrderBy(e => e.Id).ToListAsync(Ct));
        Assert.Contains("451 4.7.1 Greylisted", deferred[^1].Detail);

        // The log filter and the detail page show what the receiving side said.
        var admin = await PanelSession.SignInAsync(s.App, CarteroRoles.Admin);
        var list = await admin.GetStringAsync("/correos?estado=rebotado");
        Assert.Contains("dos@correo.ec", list);
        Assert.DoesNotContain("uno@correo.ec", list);
        Assert.Contains("uno@correo.ec", await admin.GetStringAsync("/correos?estado=abierto"));
        var detail = await admin.GetStringAsync($"/correos/{s.Second}");
        Assert.Contains("webhook del proveedor", detail);
        Assert.Contains("550 5.1.1 The email account that you tried to reach does not exist", detail);
        Assert.Contains("aproximadas", await admin.GetStringAsync($"/correos/{s.First}"));
    }

    [Fact]
    public async Task Duplicates_retries_and_late_events_never_write_twice_or_move_a_state_back()
    {
        var s = await ArrangeAsync();
        var at = Now - 300;
        Assert.Equal(HttpStatusCode.OK, (await s.Webhook.SendAsync(Signed(Batch(s, at)), Ct)).StatusCode);
        var after = await SnapshotAsync(s);

        // SendGrid's retry of the same events comes with other sg_event_ids and a new signature.
        Assert.Equal(HttpStatusCode.OK, (await s.Webhook.SendAsync(Signed(Batch(s, at, eventId: "otroIdDeReintento")), Ct)).StatusCode);
        var retried = await SnapshotAsync(s);
        Assert.Equal(after, retried with { Inbox = after.Inbox }, new SnapshotComparer());
        Assert.Equal(2, retried.Inbox);

        // A delivered that arrives after the open is recorded and leaves abierto; a bounce after delivery is legal.
        var late = $$"""[{"event": "delivered", "timestamp": {{at + 30}}, "response": "250 OK (retardado)", "cartero_id": "{{s.First}}"}, {"event": "bounce", "type": "bounce", "status": "5.0.0", "reason": "550 rechazado despues de aceptar", "timestamp": {{at + 90}}, "cartero_id": "{{s.Third}}"}]""";
        Assert.Equal(HttpStatusCode.OK, (await s.Webhook.SendAsync(Signed(late), Ct)).StatusCode);
        Assert.Equal(EmailStatus.Abierto, await StatusAsync(s, s.First));
        Assert.Equal(EmailStatus.Rebotado, await StatusAsync(s, s.Third));
        Assert.Equal(after.Events + 2, (await SnapshotAsync(s)).Events);
    }

    [Fact]
    public async Task Unsigned_tampered_reserialised_and_stale_batches_are_refused_and_change_nothing()
    {
        var s = await ArrangeAsync();
        var body = Batch(s, Now);
        var before = await SnapshotAsync(s);

        var unsigned = await s.Webhook.SendAsync(Signed(body, sign: false), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("application/problem+json", unsigned.Content.Headers.ContentType!.MediaType);

        var tampered = await s.Webhook.SendAsync(Signed(body, tamper: b => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace("5.1.1", "4.1.1", StringComparison.Ordinal))), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);

        // The same events, parsed and written again: equal JSON, other bytes, so the signature no longer matches.
        var reserialised = await s.Webhook.SendAsync(Signed(body, tamper: b => Encoding.UTF8.GetBytes(JsonNode.Parse(b)!.ToJsonString())), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, reserialised.StatusCode);

        var stale = await s.Webhook.SendAsync(Signed(body, timestamp: Now - 600), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Contains("tolerancia", (await stale.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]!.GetValue<string>());

        Assert.Equal(before, await SnapshotAsync(s), new SnapshotComparer());
        Assert.Equal(0, await s.App.WithDbAsync(db => db.DeliveryReports.CountAsync(Ct)));

        // Switched off, the endpoint is not there at all.
        var admin = await s.App.CreateApiClientAsync(admin: true, name: "otra");
        (await admin.PutAsJsonAsync("/api/v1/settings/mail/tracking", new { sendGridWebhookEnabled = false }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await s.Webhook.SendAsync(Signed(body), Ct)).StatusCode);
        Assert.Equal(before, await SnapshotAsync(s), new SnapshotComparer());
    }

    [Fact]
    public async Task A_stored_batch_replayed_from_the_panel_or_the_verb_applies_once()
    {
        var s = await ArrangeAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.Webhook.SendAsync(Signed(Batch(s, Now - 60)), Ct)).StatusCode);
        var id = await s.App.WithDbAsync(db => db.WebhookInbox.Select(i => i.Id).SingleAsync(Ct));
        var after = await SnapshotAsync(s);

        var output = new StringWriter();
        Assert.Equal(0, await CliModule.RunAsync(s.App.Services, ["webhook", "replay", id.ToString()], output, new StringWriter()));
        Assert.Contains("0 cambiaron el estado", output.ToString());
        var admin = await PanelSession.SignInAsync(s.App, CarteroRoles.Admin);
        var replay = await admin.PostFormAsync("/configuracion/seguimiento", [], $"/configuracion/seguimiento?handler=Reaplicar&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);

        Assert.Equal(after, await SnapshotAsync(s), new SnapshotComparer());
        var item = await s.App.WithDbAsync(db => db.WebhookInbox.SingleAsync(Ct));
        Assert.Equal(3, item.TimesApplied);
        Assert.Contains("repetido", item.ApplyResult);
        Assert.Equal(2, await s.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "reaplicar_webhook", Ct)));
        Assert.Contains("(aplicado 3 veces)", await admin.GetStringAsync("/configuracion/seguimiento"));
    }

    [Fact]
    public async Task The_verification_key_is_validated_and_its_change_audited()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var bad = await admin.PutAsJsonAsync("/api/v1/settings/mail/tracking", new { sendGridWebhookEnabled = true, sendGridPublicKey = "no-es-base64" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["sendGridPublicKey"]);
        using var rsa = RSA.Create(2048);
        var notP256 = await admin.PutAsJsonAsync("/api/v1/settings/mail/tracking", new { sendGridPublicKey = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notP256.StatusCode);

        var key = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());
        (await admin.PutAsJsonAsync("/api/v1/settings/mail/tracking", new { sendGridWebhookEnabled = true, sendGridPublicKey = key, sendGridToleranceSeconds = 120 }, Ct)).EnsureSuccessStatusCode();
        var view = await admin.GetFromJsonAsync<JsonObject>("/api/v1/settings/mail/tracking", Ct);
        Assert.Equal(key, view!["sendGridPublicKey"]!.GetValue<string>());
        Assert.Equal(120, view["sendGridToleranceSeconds"]!.GetValue<int>());
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "cambiar_configuracion_seguimiento", Ct));
        Assert.Contains("\"webhook_activo\":true", audit.Details);

        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var saved = await soporte.PostFormAsync("/configuracion/seguimiento", new() { ["WebhookEnabled"] = "true", ["PublicKey"] = "MFkw-roto", ["ToleranceSeconds"] = "300", ["PixelOffTypes"] = "" },
            "/configuracion/seguimiento?handler=Guardar");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("La clave de verificación no es válida", await saved.Content.ReadAsStringAsync(Ct));
    }

    private sealed class SnapshotComparer : IEqualityComparer<(int Events, int Inbox, EmailStatus[] States)>
    {
        public bool Equals((int Events, int Inbox, EmailStatus[] States) x, (int Events, int Inbox, EmailStatus[] States) y) =>
            x.Events == y.Events && x.Inbox == y.Inbox && x.States.SequenceEqual(y.States);

        public int GetHashCode((int Events, int Inbox, EmailStatus[] States) obj) => obj.Events;
    }
}

public sealed class SqliteSendGridWebhookTests() : SendGridWebhookTests(null);

public sealed class PostgresSendGridWebhookTests(PostgresCluster postgres) : SendGridWebhookTests(postgres);
