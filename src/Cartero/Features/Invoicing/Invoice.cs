namespace Cartero.Features.Invoicing;

/// <summary>
/// A row of <c>factura</c>: one electronic invoice and where it stands with the SRI. The XML is kept at each
/// stage (generated, signed, authorised) so what was sent can be proven and the RIDE reproduced.
/// </summary>
public sealed class Invoice : ISriDocument, Platform.IIdempotentRecord
{
    public Guid Id { get; set; }
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
    /// <summary>The buyer's id in the ERP, carried to the email's <c>destinatario_id</c>.</summary>
    public string? CustomerId { get; set; }
    public decimal Total { get; set; }
    public string? ExternalReference { get; set; }
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
    /// <summary>How many chained events this row has; the events' chain is checked against it.</summary>
    public int EventCount { get; set; }
    /// <summary>The hash of the last chained event (the head of this row's chain).</summary>
    public string? EventsHead { get; set; }
    public List<InvoiceEvent> Events { get; set; } = [];

    /// <summary>The SRI refused it with a code a correction cannot fix (45, 65): only "emitir de nuevo" remains.</summary>
    public bool RequiresReissue { get; set; }
    /// <summary>Why it was closed as <c>abandonada</c>.</summary>
    public string? ClosedReason { get; set; }
    /// <summary>The invoice issued again in place of this one (<c>reemplazada_por</c>).</summary>
    public Guid? ReplacedBy { get; set; }
    /// <summary>The abandoned invoice this one replaces (<c>reemplaza_a</c>).</summary>
    public Guid? Replaces { get; set; }
    /// <summary>Who recorded that the SRI's portal annulled it.</summary>
    public string? AnnulledBy { get; set; }
    public DateTime? AnnulledAt { get; set; }
    /// <summary>The SRI's reference number of the annulment, as the admin typed it.</summary>
    public string? AnnulmentReference { get; set; }

    /// <summary>Número as printed: estab-ptoEmi-secuencial.</summary>
    public string Number => $"{Establishment}-{EmissionPoint}-{Sequential:000000000}";
}
