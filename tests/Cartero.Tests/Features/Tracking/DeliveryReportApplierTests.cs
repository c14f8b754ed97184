using Cartero.Features.Audit;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Tracking;
using Cartero.Platform.Auth;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Tracking;

public abstract class DeliveryReportApplierTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static readonly DateTime T0 = new(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc);

    /// <summary>Enqueues one email and records it as accepted by the provider (<c>enviado</c>), as the worker would.</summary>
    internal static async Task<Guid> SentEmailAsync(CarteroAppFactory app, string to = "cliente@correo.ec", string type = "comprobante")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (entry, _) = await scope.ServiceProvider.GetRequiredService<EmailEnqueuer>().EnqueueAsync(new EnqueueEmailRequest
        {
            Type = type, To = new EmailRecipient(to), Subject = "Comprobante 001-001-000000042", Text = "t",
        }, new RequestActor("vendedor@optica.ec", null, false), EmailOrigin.Manual, Ct);
        var machine = app.Services.GetRequiredService<EmailStateMachine>();
        await app.WithDbAsync(async db =>
        {
            var row = await db.Emails.SingleAsync(e => e.Id == entry.Id, Ct);
            machine.Transition(row, EmailStatus.Enviando, new TransitionDetail());
            machine.Transition(row, EmailStatus.Enviado, new TransitionDetail("250 2.0.0 Ok: queued as 4XyZ", 250, "smtp"));
            row.Provider = "smtp";
            await db.SaveChangesAsync(Ct);
        });
        return entry.Id;
    }

    internal static Task<EmailStatus> StatusAsync(CarteroAppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Emails.Where(e => e.Id == id).Select(e => e.Status).SingleAsync(Ct));

    internal static async Task<DeliveryReportResult> ApplyAsync(CarteroAppFactory app, DeliveryReport report)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryReportApplier>().ApplyAsync(report, Ct);
    }

    private static Task<List<EmailLogEvent>> EventsAsync(CarteroAppFactory app, Guid id) =>
        app.WithDbAsync(db => db.EmailEvents.Where(e => e.EmailId == id).OrderBy(e => e.Id).ToListAsync(Ct));

    private static async Task<bool> ChainsValidAsync(CarteroAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ChainIntegrity>().VerifyAsync(Ct)).Valid;
    }

    [Fact]
    public async Task States_only_move_forward_and_the_same_report_twice_writes_once()
    {
        var app = await NewAppAsync();
        var id = await SentEmailAsync(app);
        var before = (await EventsAsync(app, id)).Count;

        var delivered = new DeliveryReport(DeliveryReportKind.Delivered, T0, DeliveryReportSource.Webhook, EmailId: id,
            StatusCode: "250", ServerText: "250 2.0.0 OK 1700000000 a1-20020a", RemoteMta: "mx.correo.ec");
        Assert.Equal(DeliveryReportOutcome.StateChanged, (await ApplyAsync(app, delivered)).Outcome);
        Assert.Equal(EmailStatus.Entregado, await StatusAsync(app, id));
        Assert.Equal(DeliveryReportOutcome.Duplicate, (await ApplyAsync(app, delivered)).Outcome);

        var opened = new DeliveryReport(DeliveryReportKind.Opened, T0.AddMinutes(5), DeliveryReportSource.Pixel, EmailId: id);
        Assert.Equal(DeliveryReportOutcome.StateChanged, (await ApplyAsync(app, opened)).Outcome);
        Assert.Equal(EmailStatus.Abierto, await StatusAsync(app, id));

        // A late, different delivery report (another retry of the provider) never undoes abierto.
        var late = delivered with { OccurredAt = T0.AddMinutes(1) };
        Assert.Equal(DeliveryReportOutcome.Recorded, (await ApplyAsync(app, late)).Outcome);
        Assert.Equal(EmailStatus.Abierto, await StatusAsync(app, id));
        var secondOpen = opened with { OccurredAt = T0.AddMinutes(9) };
        Assert.Equal(DeliveryReportOutcome.Recorded, (await ApplyAsync(app, secondOpen)).Outcome);
        Assert.Equal(DeliveryReportOutcome.Duplicate, (await ApplyAsync(app, secondOpen)).Outcome);

        var events = await EventsAsync(app, id);
        Assert.Equal(before + 4, events.Count);
        var first = events[before];
        Assert.Equal(EmailStatus.Entregado, first.Status);
        Assert.Equal(EmailStatus.Enviado, first.PreviousStatus);
        Assert.Equal(250, first.Code);
        Assert.Equal("seguimiento:webhook", first.Actor);
        Assert.Contains("250 2.0.0 OK 1700000000 a1-20020a", first.Detail);
        Assert.Contains("mx.correo.ec", first.Detail);
        Assert.Equal([EmailStatus.Abierto, EmailStatus.Abierto], events[^2..].Select(e => e.PreviousStatus!.Value));
        Assert.Equal(4, await app.WithDbAsync(db => db.DeliveryReports.CountAsync(r => r.EmailId == id, Ct)));
        Assert.True(await ChainsValidAsync(app));
    }

    [Fact]
    public async Task A_bounce_whose_remote_mta_and_status_exceed_their_columns_is_applied_with_them_cut_to_fit()
    {
        // Anyone can mail the bounce mailbox: its fields are not ours to size.
        var app = await NewAppAsync();
        var id = await SentEmailAsync(app, to: "largo@correo.ec");
        var mta = "dns; " + new string('m', 400) + ".correo.ec";
        var status = "5.1.1 " + new string('x', 60);

        var bounce = await ApplyAsync(app, new DeliveryReport(DeliveryReportKind.BouncedHard, T0, DeliveryReportSource.Dsn, EmailId: id,
            StatusCode: status, ServerText: "550 5.1.1 User unknown", RemoteMta: mta));

        Assert.Equal(DeliveryReportOutcome.StateChanged, bounce.Outcome);
        Assert.Equal(EmailStatus.Rebotado, await StatusAsync(app, id));
        var stored = await app.WithDbAsync(db => db.DeliveryReports.SingleAsync(r => r.EmailId == id, Ct));
        Assert.Equal(mta[..256], stored.RemoteMta);
        Assert.Equal(status[..32], stored.StatusCode);
    }

    [Fact]
    public async Task A_bounce_after_delivery_is_recorded_and_suppresses_the_address()
    {
        var app = await NewAppAsync();
        var id = await SentEmailAsync(app, to: "Rebota@Correo.ec");
        await ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Delivered, T0, DeliveryReportSource.Webhook, EmailId: id));

        var bounce = await ApplyAsync(app, new DeliveryReport(DeliveryReportKind.BouncedHard, T0.AddMinutes(2), DeliveryReportSource.Dsn, EmailId: id,
            StatusCode: "5.1.1", ServerText: "550 5.1.1 <rebota@correo.ec>: Recipient address rejected: User unknown", RemoteMta: "dns; mx.correo.ec"));

        Assert.Equal(DeliveryReportOutcome.StateChanged, bounce.Outcome);
        Assert.True(bounce.Suppressed);
        Assert.Equal(EmailStatus.Rebotado, await StatusAsync(app, id));
        var entry = await app.WithDbAsync(db => db.Suppressions.SingleAsync(Ct));
        Assert.Equal("rebota@correo.ec", entry.Address);
        Assert.Contains("User unknown", entry.Reason);
        Assert.Equal($"rebote_duro:{id}", entry.SourceEvent);
        var last = (await EventsAsync(app, id))[^1];
        Assert.Equal((EmailStatus.Rebotado, EmailStatus.Entregado, 550), (last.Status, last.PreviousStatus!.Value, last.Code!.Value));
        Assert.Equal("seguimiento:dsn", last.Actor);
        Assert.True(await ChainsValidAsync(app));
    }

    [Fact]
    public async Task A_group_resubscribe_lifts_the_suppression_of_an_unsubscribe_but_not_of_a_bounce()
    {
        var app = await NewAppAsync();
        var unsubscribed = await SentEmailAsync(app, to: "Vuelve@Correo.ec");
        var bounced = await SentEmailAsync(app, to: "rebota@correo.ec");
        Assert.True((await ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Unsubscribe, T0, DeliveryReportSource.Webhook, EmailId: unsubscribed))).Suppressed);
        Assert.True((await ApplyAsync(app, new DeliveryReport(DeliveryReportKind.BouncedHard, T0, DeliveryReportSource.Dsn, EmailId: bounced,
            StatusCode: "5.1.1", ServerText: "550 5.1.1 User unknown"))).Suppressed);

        // What SendGrid posts when the recipient subscribes again to the group.
        using var json = System.Text.Json.JsonDocument.Parse(
            $$"""{"email":"vuelve@correo.ec","timestamp":1764514800,"event":"group_resubscribe","asm_group_id":7,"cartero_id":"{{unsubscribed}}","sg_event_id":"r1"}""");
        var resubscribe = Cartero.Features.Tracking.SendGridEventMapper.Map(json.RootElement, out _);
        Assert.Equal(DeliveryReportKind.Resubscribe, resubscribe!.Kind);
        Assert.Equal(DeliveryReportOutcome.Recorded, (await ApplyAsync(app, resubscribe with { EmailId = unsubscribed })).Outcome);
        Assert.Equal(DeliveryReportOutcome.Recorded, (await ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Resubscribe, T0.AddMinutes(1), DeliveryReportSource.Webhook, EmailId: bounced))).Outcome);

        Assert.Equal(["rebota@correo.ec"], await app.WithDbAsync(db => db.Suppressions.Select(s => s.Address).ToListAsync(Ct)));
        Assert.Contains("volvió a suscribirse", (await EventsAsync(app, unsubscribed))[^1].Detail);
        Assert.True(await ChainsValidAsync(app));
    }

    [Theory]
    [InlineData(DeliveryReportKind.DeferredSoft)]
    [InlineData(DeliveryReportKind.AutoReply)]
    [InlineData(DeliveryReportKind.Click)]
    [InlineData(DeliveryReportKind.Unknown)]
    public async Task Soft_bounces_replies_clicks_and_unknown_reports_are_events_only(DeliveryReportKind kind)
    {
        var app = await NewAppAsync();
        var id = await SentEmailAsync(app);
        var result = await ApplyAsync(app, new DeliveryReport(kind, T0, DeliveryReportSource.Dsn, EmailId: id, ServerText: "451 4.2.2 Mailbox full"));
        Assert.Equal(DeliveryReportOutcome.Recorded, result.Outcome);
        Assert.False(result.Suppressed);
        Assert.Equal(EmailStatus.Enviado, await StatusAsync(app, id));
        Assert.Equal(0, await app.WithDbAsync(db => db.Suppressions.CountAsync(Ct)));
        var last = (await EventsAsync(app, id))[^1];
        Assert.Equal((EmailStatus.Enviado, EmailStatus.Enviado), (last.Status, last.PreviousStatus!.Value));
    }

    [Fact]
    public async Task Reports_without_cartero_id_match_by_provider_message_id_or_message_id()
    {
        var app = await NewAppAsync();
        var id = await SentEmailAsync(app);
        await app.WithDbAsync(db => db.Emails.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProviderMessageId, "14c5d75ce93dfd64b469"), Ct));
        var messageId = await app.WithDbAsync(db => db.Emails.Where(e => e.Id == id).Select(e => e.MessageId).SingleAsync(Ct));

        var byProvider = await ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Delivered, T0, DeliveryReportSource.Webhook,
            ProviderMessageId: "14c5d75ce93dfd64b469.filter0001.16648.5515E0B88.0"));
        Assert.Equal((DeliveryReportOutcome.StateChanged, id), (byProvider.Outcome, byProvider.EmailId!.Value));

        var byMessageId = await ApplyAsync(app, new DeliveryReport(DeliveryReportKind.BouncedHard, T0.AddMinutes(1), DeliveryReportSource.Dsn,
            MessageId: $"<{messageId.Trim('<', '>')}>", ServerText: "550 5.1.1 User unknown"));
        Assert.Equal((DeliveryReportOutcome.StateChanged, id), (byMessageId.Outcome, byMessageId.EmailId!.Value));

        Assert.Equal(DeliveryReportOutcome.NotFound, (await ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Delivered, T0, DeliveryReportSource.Webhook,
            EmailId: Guid.CreateVersion7(), ProviderMessageId: "otro"))).Outcome);
        Assert.Equal(EmailStatus.Rebotado, await StatusAsync(app, id));
    }
}

public sealed class SqliteDeliveryReportApplierTests() : DeliveryReportApplierTests(null);

public sealed class PostgresDeliveryReportApplierTests(PostgresCluster postgres) : DeliveryReportApplierTests(postgres);
