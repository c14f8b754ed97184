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
    public static InvoiceDto From(Invoice i, IReadOnlyList<InvoiceEventDto>? events) => new(
        i.Id, i.CreatedAt, i.Status.ToCode(), i.Number, i.AccessKey, i.Environment, i.IssueDate, i.BuyerIdType, i.BuyerId, i.BuyerName,
        i.BuyerEmail, i.Total, i.ExternalReference, i.AuthorizationNumber, i.AuthorizedAt, i.MailStatus, i.EmailId, i.LastError,
        i.NextAttemptAt, i.OriginatedBy, events);
}
