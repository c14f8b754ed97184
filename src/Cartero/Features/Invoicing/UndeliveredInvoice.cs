namespace Cartero.Features.Invoicing;

/// <summary>An authorised comprobante (factura or nota de crédito) that has not reached its buyer, as "Comprobantes sin entregar" lists it.</summary>
/// <param name="Reason">One of <see cref="UndeliveredReasons"/>.</param>
/// <param name="Kind"><see cref="Factura"/> or <see cref="NotaCredito"/>: which table <see cref="Id"/> belongs to.</param>
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
    string Reason,
    string Kind = UndeliveredInvoice.Factura)
{
    public const string Factura = "factura";
    public const string NotaCredito = "nota_credito";

    public string KindLabel => Kind == NotaCredito ? "Nota de crédito" : "Factura";

    public string ReasonLabel => UndeliveredReasons.Label(Reason);
}
