namespace Cartero.Features.Invoicing;

/// <summary>An authorised invoice that has not reached its buyer, as "Comprobantes sin entregar" lists it.</summary>
/// <param name="Reason">One of <see cref="UndeliveredReasons"/>.</param>
/// <param name="EmailStatus">The state of its latest mail in <c>log_envio_correo</c>, when there is one.</param>
public sealed record UndeliveredInvoice(
    Guid Id,
    string Number,
    DateOnly IssueDate,
    DateTime? AuthorizedAt,
    string BuyerName,
    string? BuyerEmail,
    decimal Total,
    string OriginatedBy,
    string MailStatus,
    Guid? EmailId,
    string? EmailStatus,
    string? EmailError,
    string Reason)
{
    public string ReasonLabel => UndeliveredReasons.Label(Reason);
}
