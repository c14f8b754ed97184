namespace Cartero.Features.Tracking;

/// <summary>
/// One applied report (table <c>log_envio_correo_reporte</c>), linked to the event it wrote. Its unique key
/// (email, kind, occurred at, content hash) is what makes applying the same report twice write once.
/// </summary>
public sealed class DeliveryReportRecord
{
    /// <summary>The column widths of the fields a receiving server writes (<c>codigo_estado</c>, <c>mta_remoto</c>).</summary>
    public const int StatusCodeLength = 32;

    public const int RemoteMtaLength = 256;

    public long Id { get; set; }
    public Guid EmailId { get; set; }
    public required string Kind { get; set; }
    public required string Source { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public string? Reason { get; set; }
    public string? StatusCode { get; set; }
    public string? ServerText { get; set; }
    public string? RemoteMta { get; set; }
    public required string ContentHash { get; set; }
    /// <summary>The position of the event this report wrote in its email's chain.</summary>
    public int? EventSequence { get; set; }
}
