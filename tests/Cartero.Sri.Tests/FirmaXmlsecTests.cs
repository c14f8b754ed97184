using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Cartero.Sri.Tests;

/// <summary>
/// Our verifier against signatures made by another implementation (xmlsec1), laid out the way
/// other signers do it: ds prefix declared on the root, etsi on QualifyingProperties, the
/// comprobante reference first, indented signature and a wrapped certificate.
/// </summary>
public sealed class FirmaXmlsecTests
{
    private static (byte[] Firmada, CertificadoFirma Certificado) FirmadaPorXmlsec()
    {
        var cert = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        var x509 = cert.Certificado;
        var factura = Encoding.UTF8.GetString(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml);
        var certBase64 = string.Join("\n", Convert.ToBase64String(x509.RawData).Chunk(76).Select(c => new string(c)));
        var firma = $"""
            <ds:Signature Id="Sig1">
              <ds:SignedInfo>
                <ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
                <ds:SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/>
                <ds:Reference Id="Ref-comprobante" URI="#comprobante">
                  <ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></ds:Transforms>
                  <ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>
                  <ds:DigestValue></ds:DigestValue>
                </ds:Reference>
                <ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#Sig1-SP">
                  <ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>
                  <ds:DigestValue></ds:DigestValue>
                </ds:Reference>
                <ds:Reference URI="#Cert1">
                  <ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>
                  <ds:DigestValue></ds:DigestValue>
                </ds:Reference>
              </ds:SignedInfo>
              <ds:SignatureValue></ds:SignatureValue>
              <ds:KeyInfo Id="Cert1">
                <ds:X509Data>
                  <ds:X509Certificate>
            {certBase64}
                  </ds:X509Certificate>
                </ds:X509Data>
              </ds:KeyInfo>
              <ds:Object>
                <etsi:QualifyingProperties xmlns:etsi="http://uri.etsi.org/01903/v1.3.2#" Target="#Sig1">
                  <etsi:SignedProperties Id="Sig1-SP">
                    <etsi:SignedSignatureProperties>
                      <etsi:SigningTime>2025-08-18T10:00:00-05:00</etsi:SigningTime>
                      <etsi:SigningCertificate>
                        <etsi:Cert>
                          <etsi:CertDigest>
                            <ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>
                            <ds:DigestValue>{Convert.ToBase64String(SHA1.HashData(x509.RawData))}</ds:DigestValue>
                          </etsi:CertDigest>
                          <etsi:IssuerSerial>
                            <ds:X509IssuerName>{x509.Issuer}</ds:X509IssuerName>
                            <ds:X509SerialNumber>{cert.NumeroSerieDecimal}</ds:X509SerialNumber>
                          </etsi:IssuerSerial>
                        </etsi:Cert>
                      </etsi:SigningCertificate>
                    </etsi:SignedSignatureProperties>
                    <etsi:SignedDataObjectProperties>
                      <etsi:DataObjectFormat ObjectReference="#Ref-comprobante">
                        <etsi:MimeType>text/xml</etsi:MimeType>
                      </etsi:DataObjectFormat>
                    </etsi:SignedDataObjectProperties>
                  </etsi:SignedProperties>
                </etsi:QualifyingProperties>
              </ds:Object>
            </ds:Signature>

            """;
        var plantilla = factura
            .Replace("<factura id=\"comprobante\" version=\"1.1.0\">", "<factura xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" id=\"comprobante\" version=\"1.1.0\">", StringComparison.Ordinal)
            .Replace("</factura>", firma + "</factura>", StringComparison.Ordinal);

        var carpeta = RutasPrueba.CarpetaTemporal();
        var clave = Path.Combine(carpeta, "clave.pem");
        using (var rsa = x509.GetRSAPrivateKey()!)
        {
            File.WriteAllText(clave, rsa.ExportPkcs8PrivateKeyPem());
        }

        var archivoPlantilla = Path.Combine(carpeta, "plantilla.xml");
        var salida = Path.Combine(carpeta, "firmada.xml");
        File.WriteAllText(archivoPlantilla, plantilla);
        var (codigo, stdout, stderr) = Herramientas.Ejecutar("xmlsec1", "xmlsec1",
            "--sign", "--privkey-pem", clave, "--enabled-reference-uris", "empty,same-doc",
            "--id-attr:id", "factura", "--id-attr:Id", "SignedProperties", "--id-attr:Id", "KeyInfo",
            "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", "--output", salida, archivoPlantilla);
        Assert.True(codigo == 0, stdout + stderr);
        return (File.ReadAllBytes(salida), cert);
    }

    [Fact]
    public void Verificador_acepta_la_firma_de_xmlsec1()
    {
        var (firmada, cert) = FirmadaPorXmlsec();
        using var _ = cert;
        // Line ends turned into CRLF on the way (e.g. through Windows) change nothing once parsed.
        var crlf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(firmada).Replace("\n", "\r\n", StringComparison.Ordinal));

        var resultado = VerificadorXades.Verificar(firmada);

        Assert.True(resultado.EsValida, string.Join("; ", resultado.Errores));
        Assert.True(VerificadorXades.Verificar(crlf).EsValida, string.Join("; ", VerificadorXades.Verificar(crlf).Errores));
        Assert.Equal(new DateTimeOffset(2025, 8, 18, 10, 0, 0, TimeSpan.FromHours(-5)), resultado.FechaFirma);
        Assert.True(RutasPrueba.Validador.ValidarFactura(firmada).EsValido);
    }

    [Fact]
    public void Verificador_rechaza_la_firma_de_xmlsec1_alterada()
    {
        var (firmada, cert) = FirmadaPorXmlsec();
        using var _ = cert;
        var texto = Encoding.UTF8.GetString(firmada);

        var total = VerificadorXades.Verificar(Encoding.UTF8.GetBytes(texto.Replace("<importeTotal>23.00</importeTotal>", "<importeTotal>2.30</importeTotal>", StringComparison.Ordinal)));
        var hora = VerificadorXades.Verificar(Encoding.UTF8.GetBytes(texto.Replace("2025-08-18T10:00:00-05:00", "2025-08-18T11:00:00-05:00", StringComparison.Ordinal)));

        Assert.Contains(total.Errores, e => e.Contains("'#comprobante'", StringComparison.Ordinal));
        Assert.Contains(hora.Errores, e => e.Contains("SignedProperties", StringComparison.Ordinal));
    }
}
