namespace Cartero.Features.Tracking.Bounces;

/// <summary>
/// Turns a parsed bounce into the tracking feature's <see cref="DeliveryReport"/> (source <c>dsn</c>) and lets
/// <see cref="DeliveryReportApplier"/> decide what it changes: a hard bounce ends <c>rebotado</c> and suppresses the
/// address; a soft bounce, an auto-reply or a delivery notice is an event.
/// </summary>
public sealed class TrackingBounceApplier(DeliveryReportApplier applier, TimeProvider time) : IBounceApplier
{
    public async Task<BounceApplyOutcome> ApplyAsync(BounceReport report, CancellationToken cancellationToken)
    {
        var kind = report.Kind switch
        {
            BounceKind.Hard => DeliveryReportKind.BouncedHard,
            BounceKind.Soft => DeliveryReportKind.DeferredSoft,
            BounceKind.AutoReply => DeliveryReportKind.AutoReply,
            BounceKind.Delivered => DeliveryReportKind.Delivered,
            _ => DeliveryReportKind.Unknown,
        };

        // The report's own date, so reading the same message again (a pass cut before the move) is a duplicate, not a second event.
        var occurredAt = (report.Date ?? time.GetUtcNow()).UtcDateTime;
        var result = await applier.ApplyAsync(
            new DeliveryReport(kind, occurredAt, DeliveryReportSource.Dsn, EmailId: report.EmailId, Reason: Reason(report),
                StatusCode: report.Status, ServerText: report.DiagnosticCode, RemoteMta: report.RemoteMta),
            cancellationToken);
        // A report for a mail not sent yet is kept in the waiting table (durable), so that message may leave the folder too.
        return result.Outcome == DeliveryReportOutcome.NotFound ? BounceApplyOutcome.NoMatch : BounceApplyOutcome.Applied;
    }

    private static string? Reason(BounceReport report) => report.Kind switch
    {
        BounceKind.AutoReply => report.Subject is null ? "respuesta automática" : $"respuesta automática: {report.Subject}",
        _ => report.Recipient is null ? null : $"destinatario {report.Recipient}",
    };
}
