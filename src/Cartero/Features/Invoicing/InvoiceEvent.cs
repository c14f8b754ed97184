namespace Cartero.Features.Invoicing;

/// <summary>A row of the append-only <c>factura_evento</c>: a state change or an SRI answer, with every message the SRI gave.</summary>
public sealed class InvoiceEvent
{
    public long Id { get; set; }
    public Guid InvoiceId { get; set; }
    public DateTime OccurredAt { get; set; }
    public InvoiceStatus Status { get; set; }
    public InvoiceStatus? PreviousStatus { get; set; }
    public required string Detail { get; set; }
    /// <summary>The SRI's mensajes as "[código] mensaje: información adicional (tipo)", one per line.</summary>
    public string? SriMessages { get; set; }
    public required string Actor { get; set; }
    /// <summary>Position in its parent's chain (1, 2, …); null for events written before the chain was keyed.</summary>
    public int? Sequence { get; set; }
    /// <summary>The master key whose chain key signed this event.</summary>
    public string? KeyId { get; set; }
    /// <summary>HMAC-SHA256 of this event and the previous event of the same parent.</summary>
    public string? Hash { get; set; }
}
