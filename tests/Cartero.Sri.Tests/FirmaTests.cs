using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;

namespace Cartero.Sri.Tests;

public sealed class FirmaTests
{
    private static byte[] FacturaFirmada(out CertificadoFirma certificado)
    {
        certificado = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        return new FirmadorXades(certificado).Firmar(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml);
    }

    [Fact]
    public void Firmar_y_verificar_ida_y_vuelta()
    {
        var firmada = FacturaFirmada(out var cert);
        using var _ = cert;

        var resultado = VerificadorXades.Verificar(firmada);

        Assert.True(resultado.EsValida, string.Join("; ", resultado.Errores));
        Assert.Equal(cert.Certificado.Thumbprint, resultado.Certificado!.Thumbprint);
        Assert.NotNull(resultado.FechaFirma);
        Assert.True(RutasPrueba.Validador.ValidarFactura(firmada).EsValido, string.Join("; ", RutasPrueba.Validador.ValidarFactura(firmada).Errores));
    }

    [Fact]
    public void Estructura_xades_bes_como_pide_el_sri()
    {
        var firmada = FacturaFirmada(out var cert);
        using var _ = cert;
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(Encoding.UTF8.GetString(firmada));
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("ds", "http://www.w3.org/2000/09/xmldsig#");
        ns.AddNamespace("etsi", "http://uri.etsi.org/01903/v1.3.2#");

        var firma = doc.SelectSingleNode("/factura/ds:Signature", ns)!;
        Assert.Same(doc.DocumentElement!.LastChild, firma);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", Encoding.UTF8.GetString(firmada), StringComparison.Ordinal);
        Assert.NotEqual(0xEF, firmada[0]); // no BOM
        Assert.Equal("http://www.w3.org/TR/2001/REC-xml-c14n-20010315", Attr(firma, "ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm", ns));
        Assert.Equal("http://www.w3.org/2000/09/xmldsig#rsa-sha1", Attr(firma, "ds:SignedInfo/ds:SignatureMethod/@Algorithm", ns));
        var refs = firma.SelectNodes("ds:SignedInfo/ds:Reference", ns)!.Cast<XmlElement>().ToList();
        Assert.Equal(3, refs.Count);
        Assert.All(refs, r => Assert.Equal("http://www.w3.org/2000/09/xmldsig#sha1", Attr(r, "ds:DigestMethod/@Algorithm", ns)));
        var comprobante = Assert.Single(refs, r => r.GetAttribute("URI") == "#comprobante");
        Assert.Equal("http://www.w3.org/2000/09/xmldsig#enveloped-signature", Attr(comprobante, "ds:Transforms/ds:Transform/@Algorithm", ns));
        var props = Assert.Single(refs, r => r.GetAttribute("Type") == "http://uri.etsi.org/01903#SignedProperties");
        Assert.NotNull(doc.SelectSingleNode($"//etsi:SignedProperties[@Id='{props.GetAttribute("URI")[1..]}']", ns));
        var keyInfoId = ((XmlElement)firma.SelectSingleNode("ds:KeyInfo", ns)!).GetAttribute("Id");
        Assert.Single(refs, r => r.GetAttribute("URI") == "#" + keyInfoId);
        Assert.Equal(Convert.ToBase64String(cert.Certificado.RawData), firma.SelectSingleNode("ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns)!.InnerText);
        Assert.NotNull(firma.SelectSingleNode(".//etsi:SignedSignatureProperties/etsi:SigningTime", ns));
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(cert.Certificado.RawData)),
            firma.SelectSingleNode(".//etsi:SigningCertificate/etsi:Cert/etsi:CertDigest/ds:DigestValue", ns)!.InnerText);
        Assert.Equal(cert.Certificado.IssuerName.Name, firma.SelectSingleNode(".//etsi:IssuerSerial/ds:X509IssuerName", ns)!.InnerText);
        // 0x7A3F00C1D2E3F405162738495A6B7C8D9E in decimal (computed outside .NET); a double would lose digits.
        Assert.Equal("41598194059302457974442462841444975283614", firma.SelectSingleNode(".//etsi:IssuerSerial/ds:X509SerialNumber", ns)!.InnerText);
        Assert.Equal("text/xml", firma.SelectSingleNode(".//etsi:DataObjectFormat/etsi:MimeType", ns)!.InnerText);
        Assert.Equal("#" + comprobante.GetAttribute("Id"), Attr(firma, ".//etsi:DataObjectFormat/@ObjectReference", ns));
    }

    [Fact]
    public void Documento_alterado_no_verifica()
    {
        var firmada = Encoding.UTF8.GetString(FacturaFirmada(out var cert));
        using var _ = cert;
        Assert.Contains("<importeTotal>23.00</importeTotal>", firmada, StringComparison.Ordinal);

        var alterada = Encoding.UTF8.GetBytes(firmada.Replace("<importeTotal>23.00</importeTotal>", "<importeTotal>2.30</importeTotal>", StringComparison.Ordinal));
        var resultado = VerificadorXades.Verificar(alterada);

        Assert.False(resultado.EsValida);
        Assert.Contains(resultado.Errores, e => e.Contains("'#comprobante'", StringComparison.Ordinal) && e.Contains("modificado", StringComparison.Ordinal));
    }

    [Fact]
    public void Reformatear_despues_de_firmar_rompe_la_firma()
    {
        var firmada = FacturaFirmada(out var cert);
        using var _ = cert;
        var doc = new XmlDocument();
        doc.LoadXml(Encoding.UTF8.GetString(firmada));
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true }))
        {
            doc.Save(w);
        }

        Assert.False(VerificadorXades.Verificar(Encoding.UTF8.GetBytes(sb.ToString())).EsValida);
    }

    [Fact]
    public void Propiedades_firmadas_o_valor_de_firma_alterados_no_verifican()
    {
        var firmada = Encoding.UTF8.GetString(FacturaFirmada(out var cert));
        using var _ = cert;

        var otraHora = System.Text.RegularExpressions.Regex.Replace(firmada, "<etsi:SigningTime>[^<]*</etsi:SigningTime>", "<etsi:SigningTime>2020-01-01T00:00:00-05:00</etsi:SigningTime>");
        Assert.Contains(VerificadorXades.Verificar(Encoding.UTF8.GetBytes(otraHora)).Errores, e => e.Contains("SignedProperties", StringComparison.Ordinal));

        var i = firmada.IndexOf("<ds:SignatureValue", StringComparison.Ordinal);
        var j = firmada.IndexOf('>', i) + 1;
        var otroValor = firmada[..j] + (firmada[j] == 'A' ? 'B' : 'A') + firmada[(j + 1)..];
        Assert.Contains(VerificadorXades.Verificar(Encoding.UTF8.GetBytes(otroValor)).Errores, e => e.Contains("valor de la firma", StringComparison.Ordinal));
    }

    [Fact]
    public void Documento_sin_firma_no_verifica()
    {
        var resultado = VerificadorXades.Verificar(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml);

        Assert.Equal(["El comprobante no está firmado (no tiene ds:Signature)."], resultado.Errores);
    }

    [Fact]
    public void Certificado_vencido_o_aun_no_valido_se_rechaza()
    {
        var vencido = CertificadosDePrueba.Crear(DateTimeOffset.UtcNow.AddYears(-3), DateTimeOffset.UtcNow.AddDays(-1));
        Assert.Contains("venció", Assert.Throws<CertificadoInvalidoException>(() => CertificadoFirma.Cargar(vencido, CertificadosDePrueba.Contrasena)).Message);

        var futuro = CertificadosDePrueba.Crear(DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddYears(2));
        Assert.Contains("todavía no es válido", Assert.Throws<CertificadoInvalidoException>(() => CertificadoFirma.Cargar(futuro, CertificadosDePrueba.Contrasena)).Message);
    }

    [Fact]
    public void Certificado_sin_uso_de_firma_se_rechaza()
    {
        var cifrado = CertificadosDePrueba.Crear(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), X509KeyUsageFlags.KeyEncipherment);
        Assert.Contains("digitalSignature", Assert.Throws<CertificadoInvalidoException>(() => CertificadoFirma.Cargar(cifrado, CertificadosDePrueba.Contrasena)).Message);

        var sinUso = CertificadosDePrueba.Crear(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), conUso: false);
        Assert.Contains("no es de firma electrónica", Assert.Throws<CertificadoInvalidoException>(() => CertificadoFirma.Cargar(sinUso, CertificadosDePrueba.Contrasena)).Message);
    }

    [Fact]
    public void Contrasena_incorrecta_da_mensaje_claro()
    {
        var ex = Assert.Throws<CertificadoInvalidoException>(() => CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, "otra"));
        Assert.Contains("contraseña", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vencimiento_y_sujeto_visibles_para_avisar_con_30_dias()
    {
        var p12 = CertificadosDePrueba.Crear(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20));
        using var cert = CertificadoFirma.Cargar(p12, CertificadosDePrueba.Contrasena);

        Assert.Contains("JOSÉ NÚÑEZ PEÑA", cert.Sujeto, StringComparison.Ordinal);
        Assert.InRange(cert.DiasParaVencer(TimeProvider.System), 18, 20);
        Assert.True(cert.VencePronto(TimeProvider.System));
        using var vigente = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        Assert.False(vigente.VencePronto(TimeProvider.System));
        Assert.True(vigente.NoValidoDespues > DateTimeOffset.UtcNow.AddYears(1));
    }

    [Fact]
    public void Firmar_con_certificado_que_vencio_despues_de_cargarlo_se_rechaza()
    {
        using var cert = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        var firmador = new FirmadorXades(cert, new RelojFijo(cert.NoValidoDespues.AddDays(1)));

        Assert.Throws<CertificadoInvalidoException>(() => firmador.Firmar(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml));
    }

    [Fact]
    public void Xmlsec1_acepta_nuestra_firma_y_rechaza_la_alterada()
    {
        var firmada = FacturaFirmada(out var cert);
        using var _ = cert;
        var carpeta = RutasPrueba.CarpetaTemporal();
        var archivo = Path.Combine(carpeta, "firmada.xml");
        File.WriteAllBytes(archivo, firmada);

        var (codigo, salida) = Xmlsec1(archivo);
        Assert.True(codigo == 0, salida);
        Assert.Contains("OK", salida, StringComparison.Ordinal);
        Assert.Contains("SignedInfo References (ok/all): 3/3", salida, StringComparison.Ordinal);

        var alterada = Path.Combine(carpeta, "alterada.xml");
        File.WriteAllText(alterada, Encoding.UTF8.GetString(firmada).Replace("<importeTotal>23.00</importeTotal>", "<importeTotal>2.30</importeTotal>", StringComparison.Ordinal));
        var (codigoAlterada, salidaAlterada) = Xmlsec1(alterada);
        Assert.True(codigoAlterada != 0, salidaAlterada);
    }

    [Fact]
    public void Numero_de_serie_corrompido_por_otro_firmador_es_solo_una_advertencia()
    {
        var firmada = FacturaFirmada(out var cert);
        using var _ = cert;
        var doc = XmlDsig.Cargar(firmada);
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("ds", XmlDsig.DsNs);
        ns.AddNamespace("etsi", XmlDsig.EtsiNs);
        // What a double does to a long serial: only ~16 significant digits survive.
        doc.SelectSingleNode("//etsi:IssuerSerial/ds:X509SerialNumber", ns)!.InnerText = "4.15981940593025E+40";
        var props = (XmlElement)doc.SelectSingleNode("//etsi:SignedProperties", ns)!;
        doc.SelectSingleNode($"//ds:Reference[@URI='#{props.GetAttribute("Id")}']/ds:DigestValue", ns)!.InnerText =
            Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(XmlDsig.Canonicalizar(props)));
        using var rsa = cert.Certificado.GetRSAPrivateKey()!;
        doc.SelectSingleNode("//ds:SignatureValue", ns)!.InnerText = Convert.ToBase64String(rsa.SignData(
            XmlDsig.Canonicalizar((XmlElement)doc.SelectSingleNode("//ds:SignedInfo", ns)!), System.Security.Cryptography.HashAlgorithmName.SHA1,
            System.Security.Cryptography.RSASignaturePadding.Pkcs1));

        var resultado = VerificadorXades.Verificar(XmlDsig.Guardar(doc));

        Assert.True(resultado.EsValida, string.Join("; ", resultado.Errores));
        Assert.Contains("4.15981940593025E+40", Assert.Single(resultado.Advertencias), StringComparison.Ordinal);
    }

    [Fact]
    public void Id_duplicado_se_rechaza_aunque_los_resumenes_cuadren()
    {
        var firmada = Encoding.UTF8.GetString(FacturaFirmada(out var cert));
        using var _ = cert;
        // An extra element claiming id="comprobante" would make "#comprobante" ambiguous.
        var atacada = firmada.Replace("<infoAdicional>", "<infoAdicional><campoAdicional nombre=\"x\" id=\"comprobante\">y</campoAdicional>", StringComparison.Ordinal);

        var resultado = VerificadorXades.Verificar(Encoding.UTF8.GetBytes(atacada));

        Assert.Contains(resultado.Errores, e => e.Contains("aparece 2 veces", StringComparison.Ordinal));
    }

    [Fact]
    public void Firmar_dos_veces_se_rechaza()
    {
        var firmada = FacturaFirmada(out var cert);
        using var _ = cert;

        Assert.Contains("ya está firmado", Assert.Throws<InvalidOperationException>(() => new FirmadorXades(cert).Firmar(firmada)).Message, StringComparison.Ordinal);
    }

    private static string Attr(XmlNode nodo, string xpath, XmlNamespaceManager ns) => nodo.SelectSingleNode(xpath, ns)!.Value!;

    internal static (int Codigo, string Salida) Xmlsec1(string archivo)
    {
        var (codigo, salida, errores) = Herramientas.Ejecutar("xmlsec1", "xmlsec1",
            "--verify", "--enabled-reference-uris", "empty,same-doc", "--insecure",
            "--id-attr:id", "factura", "--id-attr:Id", "SignedProperties", "--id-attr:Id", "KeyInfo",
            "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", archivo);
        return (codigo, salida + errores);
    }
}
