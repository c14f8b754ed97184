using System.Net;
using System.Text;
using Cartero.Features.Templates;

namespace Cartero.Features.Invoicing;

/// <summary>
/// The last gate before an invoice email is enqueued: the message must name the issuer (razón social and RUC), the
/// document type and number, the clave de acceso / número de autorización, the issue date and the total, and carry
/// both the authorised XML and the RIDE PDF. Templates are admin-editable, so this is checked on what was rendered.
/// </summary>
public static class InvoiceMailCompliance
{
    /// <summary>Every requirement the message fails, in Spanish; empty when it complies.</summary>
    public static IReadOnlyList<string> Check(InvoiceMailFacts facts, RenderedEmail message, byte[]? authorizedXml, byte[]? ridePdf)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(message);
        var problems = new List<string>();
        var text = message.Subject + "\n" + message.Text;
        var html = message.Subject + "\n" + WebUtility.HtmlDecode(message.Html);
        void Require(string what, string value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"falta {what}");
                return;
            }

            if (!Contains(text, value) || (message.Html.Length > 0 && !Contains(html, value)))
            {
                problems.Add($"el asunto y el cuerpo no mencionan {what} («{value}»)");
            }
        }

        Require("la razón social del emisor", facts.IssuerName);
        Require("el RUC del emisor", facts.IssuerRuc);
        Require("el tipo de documento", facts.DocumentType);
        Require("el número del comprobante", facts.Number);
        Require("la clave de acceso / número de autorización", facts.AccessKey);
        Require("la fecha de emisión", facts.IssueDate);
        Require("el valor total", facts.Total);
        if (authorizedXml is not { Length: > 0 })
        {
            problems.Add("falta el adjunto XML autorizado");
        }
        else
        {
            var xml = Encoding.UTF8.GetString(authorizedXml);
            if (!xml.Contains("AUTORIZADO", StringComparison.Ordinal) || !xml.Contains(facts.AccessKey, StringComparison.Ordinal))
            {
                problems.Add("el adjunto XML no es el comprobante autorizado por el SRI con esta clave de acceso");
            }
        }

        if (ridePdf is not { Length: > 4 } || Encoding.ASCII.GetString(ridePdf, 0, 4) != "%PDF")
        {
            problems.Add("falta el adjunto RIDE en PDF");
        }

        return problems;
    }

    private static bool Contains(string haystack, string needle) =>
        haystack.Contains(needle, StringComparison.OrdinalIgnoreCase) ||
        Normalize(haystack).Contains(Normalize(needle), StringComparison.OrdinalIgnoreCase);

    // Non-breaking spaces from currency formatting must not make "$ 12,50" differ from "$ 12,50".
    private static string Normalize(string s) => s.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
