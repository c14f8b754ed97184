using System.Text.Json.Nodes;

namespace Cartero.Features.Invoicing;

/// <summary>What the mail of an authorised comprobante needs, whatever its kind (factura, nota de crédito).</summary>
/// <param name="Type"><c>tipo_correo</c>, template and <c>entidad_tipo</c>: <c>factura</c> or <c>nota_credito</c>.</param>
/// <param name="Noun">How messages name it: «la factura», «la nota de crédito».</param>
/// <param name="FilePrefix">Start of the attachments' names: <c>factura</c>, <c>nota-credito</c>.</param>
/// <param name="Data">The template's data.</param>
public sealed record MailableDocument(
    string Type,
    string Noun,
    string FilePrefix,
    Guid Id,
    string Number,
    string AccessKey,
    string? BuyerEmail,
    string BuyerName,
    string? CustomerId,
    string? AuthorizedXml,
    InvoiceMailFacts Facts,
    JsonObject Data,
    string Establishment,
    string EmissionPoint)
{
    /// <summary>The kind without its article, for log lines: «factura», «nota de crédito».</summary>
    public string Kind => Noun.StartsWith("la ", StringComparison.Ordinal) ? Noun[3..] : Noun;
}
