namespace Cartero.Features.Invoicing;

/// <summary>What the law requires an invoice email to state, as it must appear in the message.</summary>
/// <param name="IssuerName">Razón social of the issuer.</param>
/// <param name="IssuerRuc">RUC of the issuer.</param>
/// <param name="DocumentType">"Factura".</param>
/// <param name="Number">estab-ptoEmi-secuencial.</param>
/// <param name="AccessKey">Clave de acceso, which is also the número de autorización.</param>
/// <param name="IssueDate">Fecha de emisión as printed (dd/mm/aaaa).</param>
/// <param name="Total">Importe total as printed.</param>
public sealed record InvoiceMailFacts(string IssuerName, string IssuerRuc, string DocumentType, string Number, string AccessKey, string IssueDate, string Total);
