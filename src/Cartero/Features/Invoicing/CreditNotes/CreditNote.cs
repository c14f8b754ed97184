namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>
/// A row of <c>nota_credito</c>: a nota de crédito (codDoc 04) for an authorised factura, with its own secuencial and
/// the same trip to the SRI and the same mail as a factura. Its lines are what it gives back of the factura's lines.
/// </summary>
public sealed class CreditNote : ISriDocument, Platform.IIdempotentRecord
{
    public Guid Id { get; set; }
    public Guid InvoiceId { get; set; }
    public DateTime CreatedAt { get; set; }
    public InvoiceStatus Status { get; set; }
    public required string Environment { get; set; }
    public required string Establishment { get; set; }
    public required string EmissionPoint { get; set; }
    public long Sequential { get; set; }
    public required string AccessKey { get; set; }
    public DateOnly IssueDate { get; set; }
    public required string IssuerRuc { get; set; }
    public required string IssuerName { get; set; }
    public required string BuyerIdType { get; set; }
    public required string BuyerId { get; set; }
    public required string BuyerName { get; set; }
    public string? BuyerEmail { get; set; }
    public string? CustomerId { get; set; }
    /// <summary>Número of the factura it modifies (numDocModificado).</summary>
    public required string InvoiceNumber { get; set; }
    /// <summary>Motivo, as written in the XML.</summary>
    public required string Reason { get; set; }
    /// <summary>totalSinImpuestos of the note.</summary>
    public decimal Subtotal { get; set; }
    /// <summary>valorModificacion: what the note gives back, taxes included.</summary>
    public decimal Total { get; set; }
    public string? IdempotencyKey { get; set; }
    public string? RequestHash { get; set; }
    public required string OriginatedBy { get; set; }
    public required string GeneratedXml { get; set; }
    public string? SignedXml { get; set; }
    public string? AuthorizedXml { get; set; }
    public string? AuthorizationNumber { get; set; }
    public DateTime? AuthorizedAt { get; set; }
    public int SriAttempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public string MailStatus { get; set; } = InvoiceMailStatus.Pendiente;
    public Guid? EmailId { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public int EventCount { get; set; }
    public string? EventsHead { get; set; }
    public List<CreditNoteLine> Lines { get; set; } = [];
    public List<CreditNoteEvent> Events { get; set; } = [];

    public string Number => $"{Establishment}-{EmissionPoint}-{Sequential:000000000}";
}
