namespace Cartero.Features.Invoicing;

/// <summary>An invoice as the API shows it, with its history when read one by one.</summary>
public sealed record InvoiceDto(
    Guid Id,
    DateTime CreatedAt,
    string Status,
    string Number,
    string AccessKey,
    string Environment,
    DateOnly IssueDate,
    string BuyerIdType,
    string BuyerId,
    string BuyerName,
    string? BuyerEmail,
    decimal Total,
    string? Reference,
    string? AuthorizationNumber,
    DateTime? AuthorizedAt,
    string MailStatus,
    Guid? EmailId,
    string? LastError,
    DateTime? NextAttemptAt,
    string OriginatedBy,
    IReadOnlyList<InvoiceEventDto>? Events)
{
    /// <summary>The state of the invoice's mail in the send log (entregado, rebotado, abierto…); read one by one only.</summary>
    public string? EmailStatus { get; init; }
    /// <summary>Only "emitir de nuevo" remains (SRI code 45 or 65, or a fecha de emisión out of the SRI's window).</summary>
    public bool RequiresReissue { get; init; }
    public string? ClosedReason { get; init; }
    public Guid? ReplacedBy { get; init; }
    public Guid? Replaces { get; init; }
    public string? AnnulledBy { get; init; }
    public DateTime? AnnulledAt { get; init; }
    public string? AnnulmentReference { get; init; }

    public static InvoiceDto From(Invoice i, IReadOnlyList<InvoiceEventDto>? events) => new(
        i.Id, i.CreatedAt, i.Status.ToCode(), i.Number, i.AccessKey, i.Environment, i.IssueDate, i.BuyerIdType, i.BuyerId, i.BuyerName,
        i.BuyerEmail, i.Total, i.ExternalReference, i.AuthorizationNumber, i.AuthorizedAt, i.MailStatus, i.EmailId, i.LastError,
        i.NextAttemptAt, i.OriginatedBy, events)
    {
        RequiresReissue = i.RequiresReissue,
        ClosedReason = i.ClosedReason,
        ReplacedBy = i.ReplacedBy,
        Replaces = i.Replaces,
        AnnulledBy = i.AnnulledBy,
        AnnulledAt = i.AnnulledAt,
        AnnulmentReference = i.AnnulmentReference,
    };
}
