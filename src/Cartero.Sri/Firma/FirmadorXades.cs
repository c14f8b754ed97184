using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Cartero.Sri;

/// <summary>
/// Signs comprobantes with enveloped XAdES-BES as the SRI requires (Ficha §6, Anexo 14): RSA-SHA1,
/// SHA-1 digests, inclusive C14N, references to the comprobante, the SignedProperties and the
/// KeyInfo. The output must not be reformatted afterwards: that would break the digests.
/// </summary>
public sealed class FirmadorXades(CertificadoFirma certificado, TimeProvider? reloj = null)
{
    private readonly TimeProvider _reloj = reloj ?? TimeProvider.System;

    /// <summary>Signs an unsigned comprobante (root with id="comprobante") and returns the signed UTF-8 bytes.</summary>
    /// <exception cref="CertificadoInvalidoException">The certificate is expired or not yet valid.</exception>
    /// <exception cref="InvalidOperationException">The document is already signed, has no id="comprobante", or is too large.</exception>
    public byte[] Firmar(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        certificado.ComprobarVigencia(_reloj);
        var doc = XmlDsig.Cargar(xml);
        var raiz = doc.DocumentElement ?? throw new InvalidOperationException("El documento está vacío.");
        if (raiz.GetAttribute("id") != "comprobante")
        {
            throw new InvalidOperationException("El elemento raíz del comprobante debe tener id=\"comprobante\".");
        }

        if (raiz.GetElementsByTagName("Signature", XmlDsig.DsNs).Count > 0)
        {
            throw new InvalidOperationException("El comprobante ya está firmado.");
        }

        var n = RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture);
        var ids = new Ids(
            Firma: "Signature" + n,
            SignedInfo: "Signature" + n + "-SignedInfo",
            SignedProperties: "Signature" + n + "-SignedProperties",
            ReferenciaSignedProperties: "SignedPropertiesID" + n,
            Certificado: "Certificate" + n,
            ReferenciaComprobante: "Reference-ID-" + n,
            ValorFirma: "SignatureValue" + n,
            Objeto: "Signature" + n + "-Object");

        // Built as text first and parsed back, so every namespace declaration is a real attribute
        // when the in-context canonical forms are computed.
        raiz.AppendChild(doc.ImportNode(ConstruirFirma(ids), true));
        doc = XmlDsig.Cargar(XmlDsig.Guardar(doc));
        raiz = doc.DocumentElement!;
        var firma = (XmlElement)raiz.LastChild!;

        var sinFirma = (XmlDocument)doc.Clone();
        sinFirma.DocumentElement!.RemoveChild(sinFirma.DocumentElement.LastChild!);
        Fijar(firma, ids.ReferenciaComprobante, Digest(XmlDsig.Canonicalizar(sinFirma.DocumentElement)));
        Fijar(firma, ids.ReferenciaSignedProperties, Digest(XmlDsig.Canonicalizar(XmlDsig.BuscarPorId(doc, ids.SignedProperties)!)));
        Fijar(firma, "#" + ids.Certificado, Digest(XmlDsig.Canonicalizar(XmlDsig.BuscarPorId(doc, ids.Certificado)!)));

        var signedInfo = XmlDsig.BuscarPorId(doc, ids.SignedInfo)!;
        using var rsa = certificado.Certificado.GetRSAPrivateKey()
            ?? throw new CertificadoInvalidoException("El certificado no tiene clave privada RSA.");
        var valor = rsa.SignData(XmlDsig.Canonicalizar(signedInfo), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
        XmlDsig.BuscarPorId(doc, ids.ValorFirma)!.InnerText = Convert.ToBase64String(valor);

        var firmado = XmlDsig.Guardar(doc);
        if (firmado.Length > FacturaValidador.TamanoMaximoBytes)
        {
            throw new InvalidOperationException($"El comprobante firmado ocupa {firmado.Length / 1024} KB y el SRI admite como máximo 320 KB.");
        }

        return firmado;
    }

    private XmlElement ConstruirFirma(Ids ids)
    {
        var cert = certificado.Certificado;
        var rsa = cert.GetRSAPublicKey()!.ExportParameters(false);
        var certDigest = Convert.ToBase64String(SHA1.HashData(cert.RawData));
        var ahora = _reloj.GetUtcNow().ToOffset(TimeSpan.FromHours(-5)); // Ecuador continental, sin horario de verano
        var d = new XmlDocument();
        var ds = XmlDsig.DsNs;

        XmlElement E(string prefijo, string nombre, string ns, params object[] contenido)
        {
            var e = d.CreateElement(prefijo, nombre, ns);
            foreach (var c in contenido)
            {
                switch (c)
                {
                    case XmlNode nodo:
                        e.AppendChild(nodo);
                        break;
                    case (string atributo, string valor):
                        e.SetAttribute(atributo, valor);
                        break;
                    case string texto:
                        e.AppendChild(d.CreateTextNode(texto));
                        break;
                }
            }

            return e;
        }

        XmlElement Ds(string nombre, params object[] c) => E("ds", nombre, ds, c);
        XmlElement Etsi(string nombre, params object[] c) => E("etsi", nombre, XmlDsig.EtsiNs, c);
        XmlElement Referencia(string? id, string uri, string? tipo, bool envolvente)
        {
            var r = Ds("Reference");
            if (id is not null)
            {
                r.SetAttribute("Id", id);
            }

            if (tipo is not null)
            {
                r.SetAttribute("Type", tipo);
            }

            r.SetAttribute("URI", uri);
            if (envolvente)
            {
                r.AppendChild(Ds("Transforms", Ds("Transform", ("Algorithm", XmlDsig.Enveloped))));
            }

            r.AppendChild(Ds("DigestMethod", ("Algorithm", XmlDsig.Sha1)));
            r.AppendChild(Ds("DigestValue"));
            return r;
        }

        var firma = Ds("Signature", ("Id", ids.Firma));
        firma.SetAttribute("xmlns:ds", ds);
        firma.SetAttribute("xmlns:etsi", XmlDsig.EtsiNs);
        firma.AppendChild(Ds("SignedInfo", ("Id", ids.SignedInfo),
            Ds("CanonicalizationMethod", ("Algorithm", XmlDsig.C14n)),
            Ds("SignatureMethod", ("Algorithm", XmlDsig.RsaSha1)),
            Referencia(ids.ReferenciaSignedProperties, "#" + ids.SignedProperties, XmlDsig.TipoSignedProperties, envolvente: false),
            Referencia(null, "#" + ids.Certificado, null, envolvente: false),
            Referencia(ids.ReferenciaComprobante, "#comprobante", null, envolvente: true)));
        firma.AppendChild(Ds("SignatureValue", ("Id", ids.ValorFirma)));
        firma.AppendChild(Ds("KeyInfo", ("Id", ids.Certificado),
            Ds("X509Data", Ds("X509Certificate", Convert.ToBase64String(cert.RawData))),
            Ds("KeyValue", Ds("RSAKeyValue", Ds("Modulus", Convert.ToBase64String(rsa.Modulus!)), Ds("Exponent", Convert.ToBase64String(rsa.Exponent!))))));
        firma.AppendChild(Ds("Object", ("Id", ids.Objeto),
            Etsi("QualifyingProperties", ("Target", "#" + ids.Firma),
                Etsi("SignedProperties", ("Id", ids.SignedProperties),
                    Etsi("SignedSignatureProperties",
                        Etsi("SigningTime", ahora.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
                        Etsi("SigningCertificate",
                            Etsi("Cert",
                                Etsi("CertDigest",
                                    Ds("DigestMethod", ("Algorithm", XmlDsig.Sha1)),
                                    Ds("DigestValue", certDigest)),
                                Etsi("IssuerSerial",
                                    Ds("X509IssuerName", cert.IssuerName.Name),
                                    Ds("X509SerialNumber", CertificadoFirma.NumeroSerie(cert)))))),
                    Etsi("SignedDataObjectProperties",
                        Etsi("DataObjectFormat", ("ObjectReference", "#" + ids.ReferenciaComprobante),
                            Etsi("Description", "contenido comprobante"),
                            Etsi("MimeType", "text/xml")))))));
        return firma;
    }

    private static void Fijar(XmlElement firma, string idOUri, string digest)
    {
        foreach (XmlElement referencia in firma.GetElementsByTagName("Reference", XmlDsig.DsNs))
        {
            if (referencia.GetAttribute("Id") == idOUri || referencia.GetAttribute("URI") == idOUri)
            {
                ((XmlElement)referencia.GetElementsByTagName("DigestValue", XmlDsig.DsNs)[0]!).InnerText = digest;
                return;
            }
        }

        throw new InvalidOperationException("Referencia no encontrada: " + idOUri);
    }

    private static string Digest(byte[] canonico) => Convert.ToBase64String(SHA1.HashData(canonico));

    private sealed record Ids(string Firma, string SignedInfo, string SignedProperties, string ReferenciaSignedProperties,
        string Certificado, string ReferenciaComprobante, string ValorFirma, string Objeto);
}
