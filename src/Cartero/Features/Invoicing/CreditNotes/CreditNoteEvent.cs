namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>A row of the append-only <c>nota_credito_evento</c>: a state change or an SRI answer of a nota de crédito.</summary>
public sealed class CreditNoteEvent
{
    public long Id { get; set; }
    public Guid CreditNoteId { get; set; }
    public DateTime OccurredAt { get; set; }
    public InvoiceStatus Status { get; set; }
    public InvoiceStatus? PreviousStatus { get; set; }
    public required string Detail { get; set; }
    public string? SriMessages { get; set; }
    public required string Actor { get; set; }
    public int? Sequence { get; set; }
    public string? KeyId { get; set; }
    public string? Hash { get; set; }
}
