using System.Security.Cryptography.Xml;
using System.Xml;

namespace Cartero.Sri;

/// <summary>Namespaces, algorithm URIs and inclusive canonicalization shared by signer and verifier.</summary>
internal static class XmlDsig
{
    public const string DsNs = "http://www.w3.org/2000/09/xmldsig#";
    public const string EtsiNs = "http://uri.etsi.org/01903/v1.3.2#";
    public const string XmlnsNs = "http://www.w3.org/2000/xmlns/";
    public const string C14n = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    public const string C14nConComentarios = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    public const string RsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string Enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    public const string TipoSignedProperties = "http://uri.etsi.org/01903#SignedProperties";

    /// <summary>
    /// Inclusive C14N of an element as it sits in its document: the namespace declarations and
    /// xml:* attributes in scope from its ancestors are part of the canonical form.
    /// </summary>
    public static byte[] Canonicalizar(XmlElement elemento, bool conComentarios = false)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var copia = (XmlElement)doc.ImportNode(elemento, true);
        doc.AppendChild(copia);
        for (var ancestro = elemento.ParentNode as XmlElement; ancestro is not null; ancestro = ancestro.ParentNode as XmlElement)
        {
            foreach (XmlAttribute atributo in ancestro.Attributes)
            {
                var heredable = atributo.NamespaceURI == XmlnsNs || atributo.Prefix == "xml";
                if (heredable && copia.GetAttributeNode(atributo.LocalName, atributo.NamespaceURI) is null)
                {
                    copia.SetAttributeNode((XmlAttribute)doc.ImportNode(atributo, true));
                }
            }
        }

        var transform = new XmlDsigC14NTransform(conComentarios);
        transform.LoadInput(doc);
        using var salida = (Stream)transform.GetOutput(typeof(Stream));
        using var ms = new MemoryStream();
        salida.CopyTo(ms);
        return ms.ToArray();
    }

    public static XmlDocument Cargar(byte[] xml)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var ms = new MemoryStream(xml);
        using var reader = XmlReader.Create(ms, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        doc.Load(reader);
        return doc;
    }

    public static byte[] Guardar(XmlDocument doc)
    {
        using var ms = new MemoryStream();
        if (doc.FirstChild is XmlDeclaration)
        {
            // The writer would lower-case the encoding name; keep the form the SRI uses.
            ms.Write(System.Text.Encoding.UTF8.GetBytes(FacturaXmlWriter.DeclaracionXml));
        }

        var settings = new XmlWriterSettings
        {
            Encoding = new System.Text.UTF8Encoding(false),
            Indent = false,
            NewLineHandling = NewLineHandling.None,
            OmitXmlDeclaration = true,
        };
        using (var w = XmlWriter.Create(ms, settings))
        {
            foreach (XmlNode nodo in doc.ChildNodes)
            {
                if (nodo is not XmlDeclaration)
                {
                    nodo.WriteTo(w);
                }
            }
        }

        return ms.ToArray();
    }

    public static XmlElement? BuscarPorId(XmlDocument doc, string id) => BuscarTodosPorId(doc, id).FirstOrDefault();

    public static List<XmlElement> BuscarTodosPorId(XmlDocument doc, string id) =>
        doc.GetElementsByTagName("*").Cast<XmlElement>()
            .Where(e => id.Length > 0 && (e.GetAttribute("Id") == id || e.GetAttribute("id") == id || e.GetAttribute("ID") == id))
            .ToList();
}
