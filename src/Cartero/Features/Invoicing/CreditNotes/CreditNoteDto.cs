namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>A nota de crédito as the API shows it; <see cref="Events"/> only when one note is asked for.</summary>
public sealed record CreditNoteDto(
    Guid Id,
    Guid InvoiceId,
    string InvoiceNumber,
    DateTime CreatedAt,
    string Status,
    string Number,
    string AccessKey,
    string Environment,
    DateOnly IssueDate,
    string Reason,
    decimal Subtotal,
    decimal Total,
    string? AuthorizationNumber,
    DateTime? AuthorizedAt,
    string MailStatus,
    Guid? EmailId,
    string? LastError,
    string OriginatedBy,
    IReadOnlyList<CreditNoteLineDto> Lines,
    IReadOnlyList<InvoiceEventDto>? Events)
{
    public static CreditNoteDto From(CreditNote n, IReadOnlyList<InvoiceEventDto>? events) => new(
        n.Id, n.InvoiceId, n.InvoiceNumber, n.CreatedAt, n.Status.ToCode(), n.Number, n.AccessKey, n.Environment, n.IssueDate, n.Reason,
        n.Subtotal, n.Total, n.AuthorizationNumber, n.AuthorizedAt, n.MailStatus, n.EmailId, n.LastError, n.OriginatedBy,
        [.. n.Lines.OrderBy(l => l.InvoiceLine).Select(CreditNoteLineDto.From)], events);
}
