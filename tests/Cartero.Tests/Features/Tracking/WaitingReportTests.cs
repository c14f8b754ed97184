using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Cartero.Features.Audit;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Tracking;
using Cartero.Features.Tracking.Bounces;
using Cartero.Platform.Auth;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Tracking;

/// <summary>Reports that arrive before Cartero recorded the send wait in <c>log_envio_correo_reporte_en_espera</c> and are applied after it.</summary>
public abstract class WaitingReportTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    protected static readonly DateTime T0 = new(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc);

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The background pass stays out of the way unless a test asks for it; the pass is then run by hand.</summary>
    protected Task<CarteroAppFactory> AppAsync(string interval = "01:00:00", string? sharedConnectionString = null) =>
        NewAppAsync(new Dictionary<string, string?> { ["Cartero:Tracking:WaitingReportInterval"] = interval }, sharedConnectionString: sharedConnectionString);

    protected static async Task<Guid> QueuedEmailAsync(CarteroAppFactory app, string to = "cliente@correo.ec")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (entry, _) = await scope.ServiceProvider.GetRequiredService<EmailEnqueuer>().EnqueueAsync(new EnqueueEmailRequest
        {
            Type = "comprobante", To = new EmailRecipient(to), Subject = "Comprobante 001-001-000000042", Text = "t",
        }, new RequestActor("vendedor@optica.ec", null, false), EmailOrigin.Manual, Ct);
        return entry.Id;
    }

    /// <summary>Moves the email forward as the worker would: <c>enviando</c>, then the provider's answer.</summary>
    protected static Task MoveAsync(CarteroAppFactory app, Guid id, params EmailStatus[] states)
    {
        var machine = app.Services.GetRequiredService<EmailStateMachine>();
        return app.WithDbAsync(async db =>
        {
            var row = await db.Emails.SingleAsync(e => e.Id == id, Ct);
            foreach (var state in states)
            {
                machine.Transition(row, state, state switch
                {
                    EmailStatus.Enviado => new TransitionDetail("250 2.0.0 Ok: queued as 4XyZ", 250, "smtp"),
                    EmailStatus.Fallido => new TransitionDetail("550 5.7.1 Relay denied", 550, "smtp"),
                    _ => new TransitionDetail(),
                });
            }

            row.Provider = "smtp";
            await db.SaveChangesAsync(Ct);
        });
    }

    protected static async Task<WaitingReportPassResult?> PassAsync(CarteroAppFactory app) =>
        await app.Services.GetRequiredService<WaitingReportPass>().RunOnceAsync(Ct);

    protected static Task<int> WaitingAsync(CarteroAppFactory app) => app.WithDbAsync(db => db.WaitingReports.CountAsync(Ct));

    private static async Task<bool> ChainsValidAsync(CarteroAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ChainIntegrity>().VerifyAsync(Ct)).Valid;
    }

    private async Task<HttpClient> WebhookAsync(CarteroAppFactory app)
    {
        var admin = await app.CreateApiClientAsync(admin: true);
        var put = await admin.PutAsJsonAsync("/api/v1/settings/mail/tracking", new
        {
            sendGridWebhookEnabled = true,
            sendGridPublicKey = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo()),
        }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        return app.CreateClient();
    }

    private HttpRequestMessage Signed(string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        var signature = _key.SignData([.. Encoding.UTF8.GetBytes(ts), .. bytes], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", ts);
        return request;
    }

    private static string Delivered(Guid id, long at) => $$"""
        [
          {"email": "cliente@correo.ec", "timestamp": {{at}}, "event": "processed", "sg_event_id": "p1", "sg_message_id": "x.filter0001", "cartero_id": "{{id}}"},
          {"email": "cliente@correo.ec", "timestamp": {{at}}, "event": "delivered", "response": "250 2.0.0 OK  1700000000 a1-20020a", "sg_event_id": "d1", "sg_message_id": "x.filter0001", "cartero_id": "{{id}}"}
        ]
        """;

    private static BounceReport HardBounce(Guid id) => new()
    {
        Kind = BounceKind.Hard, EmailId = id, Recipient = "rebota@correo.ec", Status = "5.1.1",
        DiagnosticCode = "550 5.1.1 <rebota@correo.ec>: Recipient address rejected: User unknown", RemoteMta = "dns; mx.correo.ec",
        Date = new DateTimeOffset(T0),
    };

    [Fact]
    public async Task A_report_that_cannot_be_applied_stays_waiting_and_does_not_hold_up_the_ones_behind_it()
    {
        var app = await AppAsync();
        var webhook = await WebhookAsync(app);
        var first = await QueuedEmailAsync(app);
        var second = await QueuedEmailAsync(app);
        var at = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30;
        Assert.Equal(HttpStatusCode.OK, (await webhook.SendAsync(Signed(Delivered(first, at)), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await webhook.SendAsync(Signed(Delivered(second, at)), Ct)).StatusCode);
        // The first row in the pass's order names a source this version does not know (as a newer version could write).
        await app.WithDbAsync(async db =>
        {
            var row = await db.WaitingReports.OrderBy(w => w.Id).FirstAsync(Ct);
            Assert.Equal(first, row.EmailId);
            row.Report = System.Text.RegularExpressions.Regex.Replace(row.Report, "\"source\":\"[^\"]*\"", "\"source\":99");
            Assert.Contains("\"source\":99", row.Report, StringComparison.Ordinal);
            await db.SaveChangesAsync(Ct);
        });
        await MoveAsync(app, first, EmailStatus.Enviando, EmailStatus.Enviado);
        await MoveAsync(app, second, EmailStatus.Enviando, EmailStatus.Enviado);

        Assert.Equal(new WaitingReportPassResult(1, 0, 1), await PassAsync(app));

        Assert.Equal(EmailStatus.Entregado, await DeliveryReportApplierTests.StatusAsync(app, second));
        Assert.Equal(EmailStatus.Enviado, await DeliveryReportApplierTests.StatusAsync(app, first));
        Assert.Equal(first, await app.WithDbAsync(db => db.WaitingReports.Select(w => w.EmailId).SingleAsync(Ct)));
        // It is tried again on the next pass, and still does not stop it.
        Assert.Equal(new WaitingReportPassResult(0, 0, 1), await PassAsync(app));
    }

    [Fact]
    public async Task A_delivered_webhook_event_for_a_queued_email_is_applied_once_it_is_sent()
    {
        var app = await AppAsync();
        var webhook = await WebhookAsync(app);
        var id = await QueuedEmailAsync(app);

        var response = await webhook.SendAsync(Signed(Delivered(id, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30)), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1 en espera hasta que su correo se envíe", await app.WithDbAsync(db => db.WebhookInbox.Select(i => i.ApplyResult).SingleAsync(Ct)));
        Assert.Equal(EmailStatus.EnCola, await DeliveryReportApplierTests.StatusAsync(app, id));
        Assert.Equal(1, await WaitingAsync(app));
        // Nothing is applied while the worker still owns the email.
        Assert.Equal(new WaitingReportPassResult(0, 0), await PassAsync(app));

        await MoveAsync(app, id, EmailStatus.Enviando, EmailStatus.Enviado);
        Assert.Equal(new WaitingReportPassResult(1, 0), await PassAsync(app));

        Assert.Equal(EmailStatus.Entregado, await DeliveryReportApplierTests.StatusAsync(app, id));
        Assert.Equal(0, await WaitingAsync(app));
        var report = await app.WithDbAsync(db => db.DeliveryReports.SingleAsync(r => r.EmailId == id, Ct));
        Assert.Equal(("entregado", "webhook"), (report.Kind, report.Source));
        var last = await app.WithDbAsync(db => db.EmailEvents.Where(e => e.EmailId == id).OrderBy(e => e.Id).LastAsync(Ct));
        Assert.Equal((EmailStatus.Entregado, EmailStatus.Enviado, "seguimiento:webhook"), (last.Status, last.PreviousStatus!.Value, last.Actor));
        Assert.Contains("250 2.0.0 OK", last.Detail);
        Assert.True(await ChainsValidAsync(app));
    }

    [Fact]
    public async Task A_hard_bounce_for_an_email_being_sent_ends_rebotado_after_the_send()
    {
        var app = await AppAsync(interval: "00:00:00.2");
        var id = await QueuedEmailAsync(app, "rebota@correo.ec");
        await MoveAsync(app, id, EmailStatus.Enviando);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Kept durably, so the bounce mailbox may move the message to Procesados.
            Assert.Equal(BounceApplyOutcome.Applied, await scope.ServiceProvider.GetRequiredService<IBounceApplier>().ApplyAsync(HardBounce(id), Ct));
        }

        Assert.Equal(EmailStatus.Enviando, await DeliveryReportApplierTests.StatusAsync(app, id));
        Assert.Equal(0, await app.WithDbAsync(db => db.Suppressions.CountAsync(Ct)));
        await MoveAsync(app, id, EmailStatus.Enviado);

        // The background pass picks it up on its own.
        await Eventually.WaitForAsync(() => DeliveryReportApplierTests.StatusAsync(app, id), s => s == EmailStatus.Rebotado, "el rebote en espera se aplica tras el envío");
        await Eventually.WaitForAsync(() => WaitingAsync(app), n => n == 0, "la fila en espera se borra");
        Assert.Equal("rebota@correo.ec", (await app.WithDbAsync(db => db.Suppressions.SingleAsync(Ct))).Address);
        var last = await app.WithDbAsync(db => db.EmailEvents.Where(e => e.EmailId == id).OrderBy(e => e.Id).LastAsync(Ct));
        Assert.Equal((EmailStatus.Rebotado, EmailStatus.Enviado, 550, "seguimiento:dsn"), (last.Status, last.PreviousStatus!.Value, last.Code!.Value, last.Actor));
        Assert.True(await ChainsValidAsync(app));
    }

    [Fact]
    public async Task Nothing_is_applied_twice_when_the_replay_and_two_passes_run_together()
    {
        var app = await AppAsync();
        var webhook = await WebhookAsync(app);
        // On PostgreSQL the second pass runs in a second instance on the same database, as in a two-instance install.
        var other = OnPostgres ? await AppAsync(sharedConnectionString: app.PostgresConnectionString) : app;
        var id = await QueuedEmailAsync(app);
        var body = Delivered(id, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30);
        Assert.Equal(HttpStatusCode.OK, (await webhook.SendAsync(Signed(body), Ct)).StatusCode);
        // SendGrid retries the same batch (no 2xx seen): the report still waits once.
        Assert.Equal(HttpStatusCode.OK, (await webhook.SendAsync(Signed(body), Ct)).StatusCode);
        Assert.Equal(1, await WaitingAsync(app));
        var batch = await app.WithDbAsync(db => db.WebhookInbox.OrderBy(i => i.ReceivedAt).Select(i => i.Id).FirstAsync(Ct));
        await MoveAsync(app, id, EmailStatus.Enviando, EmailStatus.Enviado);
        var eventsBefore = await app.WithDbAsync(db => db.EmailEvents.CountAsync(e => e.EmailId == id, Ct));

        async Task<WebhookApplyResult?> ReplayAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WebhookInbox>().ApplyAsync(batch, Ct);
        }

        var replay = ReplayAsync();
        await Task.WhenAll(PassAsync(app), PassAsync(other), replay);
        Assert.Equal(1, (await replay)!.Applied + (await replay)!.Duplicates);
        // A later replay and pass find it applied.
        Assert.Equal(1, (await ReplayAsync())!.Duplicates);
        Assert.Equal(new WaitingReportPassResult(0, 0), await PassAsync(app));

        Assert.Equal(EmailStatus.Entregado, await DeliveryReportApplierTests.StatusAsync(app, id));
        Assert.Equal(1, await app.WithDbAsync(db => db.DeliveryReports.CountAsync(r => r.EmailId == id, Ct)));
        Assert.Equal(eventsBefore + 1, await app.WithDbAsync(db => db.EmailEvents.CountAsync(e => e.EmailId == id, Ct)));
        Assert.Equal(0, await WaitingAsync(app));
        Assert.True(await ChainsValidAsync(app));
    }

    [Fact]
    public async Task A_bounce_waiting_for_an_email_that_fails_is_an_event_and_still_suppresses_the_address()
    {
        var app = await AppAsync();
        var id = await QueuedEmailAsync(app, "rebota@correo.ec");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IBounceApplier>().ApplyAsync(HardBounce(id), Ct);
        }

        await MoveAsync(app, id, EmailStatus.Enviando, EmailStatus.Fallido);
        Assert.Equal(new WaitingReportPassResult(1, 0), await PassAsync(app));

        Assert.Equal(EmailStatus.Fallido, await DeliveryReportApplierTests.StatusAsync(app, id));
        var last = await app.WithDbAsync(db => db.EmailEvents.Where(e => e.EmailId == id).OrderBy(e => e.Id).LastAsync(Ct));
        Assert.Equal((EmailStatus.Fallido, EmailStatus.Fallido), (last.Status, last.PreviousStatus!.Value));
        Assert.Equal("rebota@correo.ec", (await app.WithDbAsync(db => db.Suppressions.SingleAsync(Ct))).Address);
        Assert.Equal(0, await WaitingAsync(app));
    }

    [Fact]
    public async Task A_report_that_waited_longer_than_the_limit_is_dropped_with_a_log_line()
    {
        var app = await AppAsync();
        var id = await QueuedEmailAsync(app);
        var waiting = await DeliveryReportApplierTests.ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Delivered, T0, DeliveryReportSource.Webhook, EmailId: id));
        Assert.Equal(DeliveryReportOutcome.NotSentYet, waiting.Outcome);
        await app.WithDbAsync(db => db.WaitingReports.ExecuteUpdateAsync(s => s.SetProperty(w => w.ReceivedAt, w => w.ReceivedAt.AddDays(-8)), Ct));

        Assert.Equal(new WaitingReportPassResult(0, 1), await PassAsync(app));

        Assert.Equal(0, await WaitingAsync(app));
        Assert.Equal(EmailStatus.EnCola, await DeliveryReportApplierTests.StatusAsync(app, id));
        var log = await File.ReadAllTextAsync(app.LogFile, Ct);
        Assert.Contains($"Reporte entregado del correo {id} descartado", log);
    }
}

public sealed class SqliteWaitingReportTests() : WaitingReportTests(null);

public sealed class PostgresWaitingReportTests(PostgresCluster postgres) : WaitingReportTests(postgres)
{
    [Fact]
    public async Task A_pass_leaves_the_reports_alone_while_another_instance_runs_its_pass()
    {
        var app = await AppAsync();
        var other = await AppAsync(sharedConnectionString: app.PostgresConnectionString);
        var id = await QueuedEmailAsync(app);
        var waiting = await DeliveryReportApplierTests.ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Delivered, T0, DeliveryReportSource.Webhook, EmailId: id));
        Assert.Equal(DeliveryReportOutcome.NotSentYet, waiting.Outcome);
        await MoveAsync(app, id, EmailStatus.Enviando, EmailStatus.Enviado);

        // The other instance is in the middle of its pass: it holds the pass's lock on the shared database.
        await using (var scope = other.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Cartero.Platform.Data.CarteroDbContext>();
            await using var held = await Cartero.Platform.Data.InstanceLock.TryAcquireAsync(db, WaitingReportPass.PassLock, Ct);
            Assert.NotNull(held);

            Assert.Null(await PassAsync(app));
            Assert.Equal(1, await WaitingAsync(app));
            Assert.Equal(EmailStatus.Enviado, await DeliveryReportApplierTests.StatusAsync(app, id));
        }

        // Released: the next pass, on either instance, applies it once.
        Assert.Equal(new WaitingReportPassResult(1, 0), await PassAsync(app));
        Assert.Equal(new WaitingReportPassResult(0, 0), await PassAsync(other));
        Assert.Equal(EmailStatus.Entregado, await DeliveryReportApplierTests.StatusAsync(app, id));
        Assert.Equal(0, await WaitingAsync(app));
    }
}
