using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Cartero.Sri;

/// <summary>
/// Checks an enveloped XAdES-BES signature of a comprobante: every reference digest (the
/// comprobante, the SignedProperties and the KeyInfo), the signature value against the KeyInfo
/// certificate, and that SigningCertificate names that certificate. It does not check the
/// certificate chain or revocation.
/// </summary>
public static class VerificadorXades
{
    /// <summary>Verifies the signature of a signed comprobante.</summary>
    public static ResultadoVerificacionFirma Verificar(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var errores = new List<string>();
        XmlDocument doc;
        try
        {
            doc = XmlDsig.Cargar(xml);
        }
        catch (XmlException ex)
        {
            return new ResultadoVerificacionFirma([$"El XML está mal formado: {ex.Message}"], null, null);
        }

        var firmas = doc.GetElementsByTagName("Signature", XmlDsig.DsNs);
        if (firmas.Count == 0)
        {
            return new ResultadoVerificacionFirma(["El comprobante no está firmado (no tiene ds:Signature)."], null, null);
        }

        var firma = (XmlElement)firmas[0]!;
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("ds", XmlDsig.DsNs);
        ns.AddNamespace("etsi", XmlDsig.EtsiNs);

        var certificado = LeerCertificado(firma, ns, errores);
        var fechaFirma = firma.SelectSingleNode(".//etsi:SigningTime", ns) is { } st
            && DateTimeOffset.TryParse(st.InnerText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : (DateTimeOffset?)null;

        if (firma.SelectSingleNode("ds:SignedInfo", ns) is not XmlElement signedInfo)
        {
            errores.Add("La firma no tiene ds:SignedInfo.");
            return new ResultadoVerificacionFirma(errores, certificado, fechaFirma);
        }

        var c14n = (signedInfo.SelectSingleNode("ds:CanonicalizationMethod", ns) as XmlElement)?.GetAttribute("Algorithm");
        if (c14n is not (XmlDsig.C14n or XmlDsig.C14nConComentarios))
        {
            errores.Add($"Método de canonicalización no admitido: '{c14n}' (se espera C14N inclusivo).");
        }

        var referencias = signedInfo.SelectNodes("ds:Reference", ns)!.Cast<XmlElement>().ToList();
        var raizId = doc.DocumentElement!.GetAttribute("id");
        if (!referencias.Any(r => r.GetAttribute("URI") == "#" + raizId && raizId.Length > 0))
        {
            errores.Add("La firma no tiene una referencia al comprobante (#comprobante).");
        }

        if (!referencias.Any(r => r.GetAttribute("Type") == XmlDsig.TipoSignedProperties))
        {
            errores.Add("La firma no tiene la referencia a SignedProperties que exige XAdES-BES.");
        }

        var keyInfoId = (firma.SelectSingleNode("ds:KeyInfo", ns) as XmlElement)?.GetAttribute("Id");
        if (string.IsNullOrEmpty(keyInfoId) || !referencias.Any(r => r.GetAttribute("URI") == "#" + keyInfoId))
        {
            errores.Add("La firma no tiene una referencia al KeyInfo con el certificado.");
        }

        foreach (var referencia in referencias)
        {
            ComprobarReferencia(doc, firma, referencia, ns, errores);
        }

        var advertencias = new List<string>();
        if (certificado is not null)
        {
            ComprobarValorFirma(firma, signedInfo, c14n == XmlDsig.C14nConComentarios, certificado, ns, errores);
            ComprobarSigningCertificate(firma, certificado, ns, errores, advertencias);
        }

        return new ResultadoVerificacionFirma(errores, certificado, fechaFirma) { Advertencias = advertencias };
    }

    private static X509Certificate2? LeerCertificado(XmlElement firma, XmlNamespaceManager ns, List<string> errores)
    {
        var nodo = firma.SelectSingleNode("ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns);
        if (nodo is null)
        {
            errores.Add("El KeyInfo no contiene el certificado X509.");
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(nodo.InnerText.Trim()));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            errores.Add($"El certificado del KeyInfo no se puede leer: {ex.Message}");
            return null;
        }
    }

    private static void ComprobarReferencia(XmlDocument doc, XmlElement firma, XmlElement referencia, XmlNamespaceManager ns, List<string> errores)
    {
        var uri = referencia.GetAttribute("URI");
        var transforms = referencia.SelectNodes("ds:Transforms/ds:Transform", ns)!.Cast<XmlElement>().Select(t => t.GetAttribute("Algorithm")).ToList();
        var digestMetodo = (referencia.SelectSingleNode("ds:DigestMethod", ns) as XmlElement)?.GetAttribute("Algorithm");
        var esperado = referencia.SelectSingleNode("ds:DigestValue", ns)?.InnerText.Trim() ?? "";

        XmlElement? objetivo;
        XmlDocument? copia = null;
        if (uri.Length == 0)
        {
            objetivo = doc.DocumentElement;
        }
        else if (uri.StartsWith('#'))
        {
            // A duplicated Id would let a signed element be swapped for an unsigned one.
            var candidatos = XmlDsig.BuscarTodosPorId(doc, uri[1..]);
            if (candidatos.Count > 1)
            {
                errores.Add($"El identificador '{uri[1..]}' aparece {candidatos.Count} veces en el documento; la referencia es ambigua.");
                return;
            }

            objetivo = candidatos.FirstOrDefault();
        }
        else
        {
            errores.Add($"La referencia '{uri}' apunta fuera del documento; no se admite.");
            return;
        }

        if (objetivo is null)
        {
            errores.Add($"La referencia '{uri}' no apunta a ningún elemento del documento.");
            return;
        }

        foreach (var t in transforms)
        {
            switch (t)
            {
                case XmlDsig.Enveloped:
                    if (copia is null)
                    {
                        // Remove this very signature from a copy, found by its position in the tree.
                        copia = (XmlDocument)doc.Clone();
                        var ruta = Ruta(firma);
                        var nodoFirma = Seguir(copia, ruta);
                        nodoFirma.ParentNode!.RemoveChild(nodoFirma);
                        objetivo = (XmlElement)Seguir(copia, Ruta(objetivo));
                    }

                    break;
                case XmlDsig.C14n or XmlDsig.C14nConComentarios:
                    // Same-document URIs drop comments before any transform (XML-DSig §4.3.3.3).
                    break;
                default:
                    errores.Add($"La referencia '{uri}' usa una transformación no admitida: {t}.");
                    return;
            }
        }

        byte[] calculado;
        var canonico = XmlDsig.Canonicalizar(objetivo);
        switch (digestMetodo)
        {
            case XmlDsig.Sha1:
                calculado = SHA1.HashData(canonico);
                break;
            case XmlDsig.Sha256:
                calculado = SHA256.HashData(canonico);
                break;
            default:
                errores.Add($"La referencia '{uri}' usa un algoritmo de resumen no admitido: {digestMetodo}.");
                return;
        }

        if (Convert.ToBase64String(calculado) != esperado)
        {
            var que = referencia.GetAttribute("Type") == XmlDsig.TipoSignedProperties ? "las propiedades firmadas (SignedProperties)"
                : objetivo.LocalName == "KeyInfo" ? "el certificado (KeyInfo)"
                : "el comprobante";
            errores.Add($"El resumen de la referencia '{uri}' no coincide: {que} fue modificado después de firmar.");
        }
    }

    private static void ComprobarValorFirma(XmlElement firma, XmlElement signedInfo, bool conComentarios, X509Certificate2 certificado, XmlNamespaceManager ns, List<string> errores)
    {
        var metodo = (signedInfo.SelectSingleNode("ds:SignatureMethod", ns) as XmlElement)?.GetAttribute("Algorithm");
        var hash = metodo switch
        {
            XmlDsig.RsaSha1 => HashAlgorithmName.SHA1,
            XmlDsig.RsaSha256 => HashAlgorithmName.SHA256,
            _ => default,
        };
        if (hash == default)
        {
            errores.Add($"Algoritmo de firma no admitido: {metodo} (el SRI usa RSA-SHA1).");
            return;
        }

        byte[] valor;
        try
        {
            valor = Convert.FromBase64String(firma.SelectSingleNode("ds:SignatureValue", ns)?.InnerText.Trim() ?? "");
        }
        catch (FormatException)
        {
            errores.Add("El valor de la firma (SignatureValue) no es base64 válido.");
            return;
        }

        using var rsa = certificado.GetRSAPublicKey();
        if (rsa is null)
        {
            errores.Add("El certificado no tiene clave pública RSA.");
            return;
        }

        if (!rsa.VerifyData(XmlDsig.Canonicalizar(signedInfo, conComentarios), valor, hash, RSASignaturePadding.Pkcs1))
        {
            errores.Add("El valor de la firma no corresponde a SignedInfo con la clave del certificado.");
        }
    }

    private static void ComprobarSigningCertificate(XmlElement firma, X509Certificate2 certificado, XmlNamespaceManager ns, List<string> errores, List<string> advertencias)
    {
        var cert = firma.SelectSingleNode(".//etsi:SignedProperties/etsi:SignedSignatureProperties/etsi:SigningCertificate/etsi:Cert", ns);
        if (cert is null)
        {
            errores.Add("Las propiedades firmadas no incluyen SigningCertificate.");
            return;
        }

        var metodo = (cert.SelectSingleNode("etsi:CertDigest/ds:DigestMethod", ns) as XmlElement)?.GetAttribute("Algorithm");
        var digest = cert.SelectSingleNode("etsi:CertDigest/ds:DigestValue", ns)?.InnerText.Trim();
        var calculado = metodo == XmlDsig.Sha256 ? SHA256.HashData(certificado.RawData) : SHA1.HashData(certificado.RawData);
        if (digest != Convert.ToBase64String(calculado))
        {
            errores.Add("El resumen del certificado en SigningCertificate no corresponde al certificado del KeyInfo.");
        }

        var serie = cert.SelectSingleNode("etsi:IssuerSerial/ds:X509SerialNumber", ns)?.InnerText.Trim();
        // Some signers write the serial through a floating-point number and corrupt it; the
        // certificate digest above already binds the certificate, so this is only a warning.
        if (serie != CertificadoFirma.NumeroSerie(certificado))
        {
            advertencias.Add($"El número de serie en SigningCertificate ({serie}) no es el del certificado ({CertificadoFirma.NumeroSerie(certificado)}).");
        }
    }

    private static List<int> Ruta(XmlNode nodo)
    {
        var ruta = new List<int>();
        for (var n = nodo; n.ParentNode is not null; n = n.ParentNode)
        {
            var i = 0;
            for (var hermano = n.PreviousSibling; hermano is not null; hermano = hermano.PreviousSibling)
            {
                i++;
            }

            ruta.Insert(0, i);
        }

        return ruta;
    }

    private static XmlNode Seguir(XmlDocument doc, List<int> ruta)
    {
        XmlNode n = doc;
        foreach (var i in ruta)
        {
            n = n.ChildNodes[i]!;
        }

        return n;
    }
}
