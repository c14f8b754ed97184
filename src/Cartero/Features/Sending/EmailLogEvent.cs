namespace Cartero.Features.Sending;

/// <summary>One append-only row of <c>log_envio_correo_evento</c>: an attempt or a state change.</summary>
public sealed class EmailLogEvent
{
    public long Id { get; set; }
    public Guid EmailId { get; set; }
    public DateTime OccurredAt { get; set; }
    public EmailStatus Status { get; set; }
    public EmailStatus? PreviousStatus { get; set; }
    public string? Detail { get; set; }
    public int? Code { get; set; }
    public string? Provider { get; set; }
    public int? DurationMs { get; set; }
    public string? Actor { get; set; }
}
