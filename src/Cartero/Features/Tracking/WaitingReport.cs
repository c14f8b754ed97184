namespace Cartero.Features.Tracking;

/// <summary>
/// A report that arrived while its email was not sent yet (table <c>log_envio_correo_reporte_en_espera</c>): kept
/// until the email leaves <c>en_cola</c>/<c>enviando</c>/<c>reintento</c> and then applied by <see cref="WaitingReportPass"/>.
/// It is a queue, not evidence: the row is deleted in the transaction that applies it, or after
/// <see cref="TrackingOptions.WaitingReportMaxAge"/>. Its unique key is the one of <see cref="DeliveryReportRecord"/>,
/// so the same report received twice while waiting is kept once.
/// </summary>
public sealed class WaitingReport
{
    public long Id { get; set; }
    public Guid EmailId { get; set; }
    public required string Kind { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string ContentHash { get; set; }
    /// <summary>The whole <see cref="DeliveryReport"/> as JSON, as the applier will read it back.</summary>
    public required string Report { get; set; }
    public DateTime ReceivedAt { get; set; }
}
