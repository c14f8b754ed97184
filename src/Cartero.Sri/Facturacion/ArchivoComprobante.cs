using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Cartero.Sri;

/// <summary>
/// A comprobante file as people have it: either the bare (signed) factura, or the SRI's
/// autorización envelope whose <c>comprobante</c> element holds the factura as text.
/// </summary>
/// <param name="Comprobante">The comprobante XML bytes (UTF-8).</param>
/// <param name="Estado">Estado of the autorización (AUTORIZADO…), null for a bare comprobante.</param>
/// <param name="NumeroAutorizacion">Número de autorización, when in an envelope.</param>
/// <param name="FechaAutorizacion">Fecha de autorización, when in an envelope.</param>
/// <param name="Ambiente">Ambiente as the envelope names it.</param>
public sealed record ArchivoComprobante(byte[] Comprobante, string? Estado, string? NumeroAutorizacion, DateTimeOffset? FechaAutorizacion, string? Ambiente)
{
    /// <summary>Reads a bare comprobante or an autorización envelope (also inside a SOAP answer).</summary>
    /// <exception cref="XmlException">Not well-formed XML.</exception>
    /// <exception cref="FormatException">Neither a comprobante nor an autorización.</exception>
    public static ArchivoComprobante Leer(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument doc;
        using (var ms = new MemoryStream(xml))
        using (var reader = XmlReader.Create(ms, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            doc = XDocument.Load(reader);
        }

        var raiz = doc.Root ?? throw new FormatException("El archivo XML está vacío.");
        if (raiz.Name.LocalName != "autorizacion" && raiz.Element("comprobante") is null && raiz.Descendants("autorizacion").FirstOrDefault() is null)
        {
            return new ArchivoComprobante(xml, null, null, null, null);
        }

        var autorizaciones = raiz.Name.LocalName == "autorizacion" ? [raiz] : raiz.Descendants("autorizacion").ToList();
        var autorizacion = autorizaciones.FirstOrDefault(a => ((string?)a.Element("estado"))?.Trim() == "AUTORIZADO") ?? autorizaciones.FirstOrDefault();
        var comprobante = autorizacion?.Element("comprobante")?.Value;
        if (autorizacion is null || string.IsNullOrWhiteSpace(comprobante))
        {
            throw new FormatException("La autorización no contiene el comprobante.");
        }

        return new ArchivoComprobante(
            Encoding.UTF8.GetBytes(DeclararUtf8(comprobante.Trim())),
            ((string?)autorizacion.Element("estado"))?.Trim(),
            ((string?)autorizacion.Element("numeroAutorizacion"))?.Trim(),
            SriWebServiceClient.LeerFecha((string?)autorizacion.Element("fechaAutorizacion")),
            ((string?)autorizacion.Element("ambiente"))?.Trim());
    }

    // The comprobante is text inside the envelope and is handed on as UTF-8 bytes, so a
    // declaration naming another encoding would make readers decode it wrongly. The
    // declaration is not part of the canonical form, so the signature is unaffected.
    private static string DeclararUtf8(string xml)
    {
        if (!xml.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return xml;
        }

        var fin = xml.IndexOf("?>", StringComparison.Ordinal);
        return fin < 0 ? xml : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml[(fin + 2)..];
    }
}
