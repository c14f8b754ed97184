using System.Globalization;
using System.Text.Json.Nodes;
using Cartero.Platform.Web;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>
/// How a nota de crédito is mailed through <see cref="InvoiceMailer"/>: template and <c>tipo_correo</c>
/// <c>nota_credito</c>, entity <c>nota_credito</c> + id, the same compliance check as a factura's.
/// </summary>
public static class CreditNoteMail
{
    public const string Type = "nota_credito";

    public static InvoiceMailFacts FactsOf(CreditNote note) => new(
        note.IssuerName,
        note.IssuerRuc,
        "Nota de crédito",
        note.Number,
        note.AccessKey,
        note.IssueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        note.Total.ToString("C2", EcuadorTime.Culture));

    public static MailableDocument Describe(CreditNote note)
    {
        var facts = FactsOf(note);
        var data = new JsonObject
        {
            ["emisor"] = new JsonObject { ["razon_social"] = note.IssuerName, ["ruc"] = note.IssuerRuc },
            ["nota_credito"] = new JsonObject
            {
                ["numero"] = facts.Number,
                ["fecha_emision"] = facts.IssueDate,
                ["clave_acceso"] = note.AccessKey,
                ["numero_autorizacion"] = note.AuthorizationNumber ?? note.AccessKey,
                ["total"] = note.Total,
                ["factura"] = note.InvoiceNumber,
                ["motivo"] = note.Reason,
            },
            ["cliente"] = new JsonObject { ["nombre"] = note.BuyerName },
        };
        return new MailableDocument(Type, "la nota de crédito", "nota-credito", note.Id, note.Number, note.AccessKey, note.BuyerEmail, note.BuyerName,
            note.CustomerId, note.AuthorizedXml, facts, data, note.Establishment, note.EmissionPoint);
    }

    // One key per note: a retried step finds the row it already wrote instead of mailing twice.
    public static string KeyOf(CreditNote note) => $"{Type}:{note.Id:N}";
}
