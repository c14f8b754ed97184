using System.Text;
using System.Xml.Linq;

namespace Cartero.Sri.Tests;

public sealed class ComandosTests
{
    private static async Task<(int Codigo, string Salida, string Errores)> Ejecutar(params string[] args) =>
        await EjecutarCon(RutasPrueba.Esquemas, args);

    private static async Task<(int Codigo, string Salida, string Errores)> EjecutarCon(string esquemas, params string[] args)
    {
        using var salida = new StringWriter();
        using var errores = new StringWriter();
        var codigo = await SriOperatorCommands.RunAsync(args, salida, errores, esquemas, TestContext.Current.CancellationToken);
        return (codigo, salida.ToString(), errores.ToString());
    }

    private static byte[] Firmada()
    {
        using var cert = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        return new FirmadorXades(cert).Firmar(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml);
    }

    private static string Guardar(byte[] contenido, string nombre = "factura.xml")
    {
        var ruta = Path.Combine(RutasPrueba.CarpetaTemporal(), nombre);
        File.WriteAllBytes(ruta, contenido);
        return ruta;
    }

    private static byte[] Sobre(byte[] comprobante, string estado = "AUTORIZADO", string? numero = null)
    {
        var clave = XDocument.Parse(Encoding.UTF8.GetString(comprobante)).Root!.Element("infoTributaria")!.Element("claveAcceso")!.Value;
        var doc = new XDocument(new XElement("autorizacion",
            new XElement("estado", estado),
            new XElement("numeroAutorizacion", numero ?? clave),
            new XElement("fechaAutorizacion", "2025-08-18T10:15:30-05:00"),
            new XElement("ambiente", "PRUEBAS"),
            new XElement("comprobante", new XCData(Encoding.UTF8.GetString(comprobante))),
            new XElement("mensajes")));
        return Encoding.UTF8.GetBytes(doc.ToString());
    }

    [Fact]
    public async Task Clave_valida_muestra_sus_partes()
    {
        var (codigo, salida, _) = await Ejecutar("clave", "0503201201176001321000110010030009900641234567814");

        Assert.Equal(0, codigo);
        Assert.Contains("Clave de acceso válida", salida, StringComparison.Ordinal);
        Assert.Contains("05/03/2012", salida, StringComparison.Ordinal);
        Assert.Contains("01 factura", salida, StringComparison.Ordinal);
        Assert.Contains("1760013210001", salida, StringComparison.Ordinal);
        Assert.Contains("001-003-000990064", salida, StringComparison.Ordinal);
        Assert.Contains("Dígito verificador:  4", salida, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clave_invalida_da_el_motivo_y_sale_con_1()
    {
        var (codigo, salida, _) = await Ejecutar("clave", "1804202401123456789000110010010000000051234567816");

        Assert.Equal(1, codigo);
        Assert.Contains("El dígito verificador es 6 pero debería ser 2.", salida, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uso_incorrecto_sale_con_2()
    {
        var (codigo, _, errores) = await Ejecutar("firmar");

        Assert.Equal(2, codigo);
        Assert.Contains("Uso:", errores, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validar_factura_firmada_correcta()
    {
        var (codigo, salida, errores) = await Ejecutar("validar", Guardar(Firmada()));

        Assert.True(codigo == 0, salida + errores);
        Assert.Contains("OK: La factura 001-002-000000123", salida, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validar_autorizacion_del_sri()
    {
        var (codigo, salida, errores) = await Ejecutar("validar", Guardar(Sobre(Firmada())));

        Assert.True(codigo == 0, salida + errores);
        Assert.Contains("Autorización del SRI: AUTORIZADO", salida, StringComparison.Ordinal);
        Assert.Contains("OK:", salida, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validar_lista_todos_los_problemas()
    {
        // Unsigned, so the problems below are the only ones: a wrong total, a schema error and a bad clave.
        var texto = Encoding.UTF8.GetString(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml);
        var clave = XDocument.Parse(texto).Root!.Element("infoTributaria")!.Element("claveAcceso")!.Value;
        var digito = clave[^1] == '9' ? '0' : (char)(clave[^1] + 1);
        texto = texto
            .Replace("<importeTotal>23.00</importeTotal>", "<importeTotal>24.00</importeTotal>", StringComparison.Ordinal)
            .Replace("<obligadoContabilidad>SI</obligadoContabilidad>", "<obligadoContabilidad>TAL VEZ</obligadoContabilidad>", StringComparison.Ordinal)
            .Replace(clave, clave[..^1] + digito, StringComparison.Ordinal);

        var (codigo, salida, _) = await Ejecutar("validar", Guardar(Encoding.UTF8.GetBytes(texto)));

        Assert.Equal(1, codigo);
        Assert.Contains("[esquema] línea", salida, StringComparison.Ordinal);
        Assert.Contains("obligadoContabilidad", salida, StringComparison.Ordinal);
        Assert.Contains("[clave] infoTributaria/claveAcceso: El dígito verificador es", salida, StringComparison.Ordinal);
        Assert.Contains("[aritmética] infoFactura/importeTotal: Error en diferencias: el documento dice 24.00 y el cálculo da 23.00.", salida, StringComparison.Ordinal);
        Assert.Contains("[aritmética] infoFactura/pagos", salida, StringComparison.Ordinal);
        Assert.Contains("no está firmado", salida, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validar_diferencia_de_un_centavo_es_aviso_y_no_falla()
    {
        var texto = Encoding.UTF8.GetString(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml)
            .Replace("<precioTotalSinImpuesto>20.00</precioTotalSinImpuesto>", "<precioTotalSinImpuesto>20.01</precioTotalSinImpuesto>", StringComparison.Ordinal);

        var (codigo, salida, _) = await Ejecutar("validar", Guardar(Encoding.UTF8.GetBytes(texto)));

        Assert.Equal(0, codigo);
        Assert.Contains("Aviso: diferencia de un centavo en detalles/detalle[1]/precioTotalSinImpuesto", salida, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validar_firma_alterada_se_informa()
    {
        var texto = Encoding.UTF8.GetString(Firmada()).Replace("Cuaderno universitario", "Cuaderno Universitario", StringComparison.Ordinal);

        var (codigo, salida, _) = await Ejecutar("validar", Guardar(Encoding.UTF8.GetBytes(texto)));

        Assert.Equal(1, codigo);
        Assert.Contains("[firma] El resumen de la referencia '#comprobante' no coincide", salida, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validar_sin_esquemas_explica_que_descargar()
    {
        var (codigo, _, errores) = await EjecutarCon("/no/hay/esquemas", "validar", Guardar(Firmada()));

        Assert.Equal(1, codigo);
        Assert.Contains("descargue los esquemas del portal del SRI", errores, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validar_archivo_inexistente_o_no_xml()
    {
        var (codigo, _, errores) = await Ejecutar("validar", "/no/existe.xml");
        Assert.Equal(1, codigo);
        Assert.Contains("No se pudo leer /no/existe.xml", errores, StringComparison.Ordinal);

        var (codigo2, salida2, _) = await Ejecutar("validar", Guardar("esto no es XML"u8.ToArray()));
        Assert.Equal(1, codigo2);
        Assert.Contains("no se puede leer", salida2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ride_desde_autorizacion_con_fecha_de_autorizacion()
    {
        var pdf = Path.Combine(RutasPrueba.CarpetaTemporal(), "ride.pdf");

        var (codigo, salida, errores) = await Ejecutar("ride", Guardar(Sobre(Firmada())), pdf);

        Assert.True(codigo == 0, salida + errores);
        var texto = Herramientas.PdfATexto(File.ReadAllBytes(pdf));
        Assert.Contains("FECHA Y HORA DE AUTORIZACIÓN: 18/08/2025 10:15:30", texto, StringComparison.Ordinal);
        Assert.Contains("Distribuidora Ñandú", texto, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ride_desde_factura_firmada()
    {
        var pdf = Path.Combine(RutasPrueba.CarpetaTemporal(), "ride.pdf");

        var (codigo, salida, _) = await Ejecutar("ride", Guardar(Firmada()), pdf);

        Assert.Equal(0, codigo);
        Assert.Contains("RIDE de la factura 001-002-000000123", salida, StringComparison.Ordinal);
        Assert.Contains("NÚMERO DE AUTORIZACIÓN", Herramientas.PdfATexto(File.ReadAllBytes(pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ride_de_factura_firmada_sin_autorizacion_lleva_la_marca_y_no_un_numero_de_autorizacion()
    {
        var pdf = Path.Combine(RutasPrueba.CarpetaTemporal(), "ride.pdf");
        var firmada = Firmada();
        var clave = XDocument.Parse(Encoding.UTF8.GetString(firmada)).Descendants("claveAcceso").Single().Value;

        var (codigo, _, _) = await Ejecutar("ride", Guardar(firmada), pdf);

        Assert.Equal(0, codigo);
        var texto = System.Text.RegularExpressions.Regex.Replace(Herramientas.PdfATexto(File.ReadAllBytes(pdf)), @"\s+", "");
        Assert.Contains("SINAUTORIZACIÓN", texto, StringComparison.Ordinal);
        // The clave is printed once, under CLAVE DE ACCESO; not a second time as if it were the número de autorización.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(texto, clave));
    }

    [Fact]
    public async Task Ride_de_factura_sin_firma_se_rechaza()
    {
        var pdf = Path.Combine(RutasPrueba.CarpetaTemporal(), "ride.pdf");

        var (codigo, salida, _) = await Ejecutar("ride", Guardar(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml), pdf);

        Assert.Equal(1, codigo);
        Assert.Contains("no está autorizado ni tiene una firma válida", salida, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));
    }

    private static byte[] NotaFirmada()
    {
        using var cert = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        return new FirmadorXades(cert).Firmar(NotaCreditoXmlWriter.Generar(NotasCreditoDePrueba.Parcial()).Xml);
    }

    [Fact]
    public async Task Validar_nota_de_credito_firmada_usa_su_esquema_y_sale_con_0()
    {
        var nota = NotasCreditoDePrueba.Parcial();

        var (codigo, salida, errores) = await Ejecutar("validar", Guardar(NotaFirmada(), "nota-credito.xml"));

        Assert.True(codigo == 0, salida + errores);
        Assert.Contains($"OK: La nota de crédito {nota.NumeroComprobante}", salida, StringComparison.Ordinal);
        Assert.Contains($"Modifica la factura {nota.DocumentoModificado.NumDocModificado}", salida, StringComparison.Ordinal);
        Assert.Contains("Firmado por", salida, StringComparison.Ordinal);
        Assert.DoesNotContain("[esquema]", salida, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validar_nota_de_credito_en_su_autorizacion_y_alterada()
    {
        var (codigo, salida, errores) = await Ejecutar("validar", Guardar(Sobre(NotaFirmada()), "autorizacion-nota.xml"));
        Assert.True(codigo == 0, salida + errores);
        Assert.Contains("Autorización del SRI: AUTORIZADO", salida, StringComparison.Ordinal);

        // One element the factura's schema does not know: a factura check would report the root, not the note's problem.
        var alterada = Encoding.UTF8.GetString(NotaFirmada()).Replace("<motivo>", "<motivo>X", StringComparison.Ordinal);
        var (codigo2, salida2, _) = await Ejecutar("validar", Guardar(Encoding.UTF8.GetBytes(alterada), "nota-alterada.xml"));
        Assert.Equal(1, codigo2);
        Assert.Contains("[firma]", salida2, StringComparison.Ordinal);
        Assert.DoesNotContain("[esquema]", salida2, StringComparison.Ordinal);

        var sinEsquema = Encoding.UTF8.GetString(NotaCreditoXmlWriter.Generar(NotasCreditoDePrueba.Parcial()).Xml)
            .Replace("<codDocModificado>01</codDocModificado>", "<codDocModificado>1</codDocModificado>", StringComparison.Ordinal);
        var (codigo3, salida3, _) = await Ejecutar("validar", Guardar(Encoding.UTF8.GetBytes(sinEsquema), "nota-sin-esquema.xml"));
        Assert.Equal(1, codigo3);
        Assert.Contains("[esquema]", salida3, StringComparison.Ordinal);
        Assert.Contains("codDocModificado", salida3, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ride_de_nota_de_credito_autorizada_y_sin_autorizacion()
    {
        var nota = NotasCreditoDePrueba.Parcial();
        var pdf = Path.Combine(RutasPrueba.CarpetaTemporal(), "ride-nota.pdf");

        var (codigo, salida, errores) = await Ejecutar("ride", Guardar(Sobre(NotaFirmada()), "autorizacion-nota.xml"), pdf);

        Assert.True(codigo == 0, salida + errores);
        Assert.Contains($"RIDE de la nota de crédito {nota.NumeroComprobante}", salida, StringComparison.Ordinal);
        var texto = Herramientas.PdfATexto(File.ReadAllBytes(pdf));
        Assert.Contains("NOTA DE CRÉDITO", texto, StringComparison.Ordinal);
        Assert.Contains(nota.DocumentoModificado.NumDocModificado, texto, StringComparison.Ordinal);
        Assert.Contains("FECHA Y HORA DE AUTORIZACIÓN: 18/08/2025 10:15:30", texto, StringComparison.Ordinal);

        var (codigo2, _, _) = await Ejecutar("ride", Guardar(NotaFirmada(), "nota-credito.xml"), pdf);
        Assert.Equal(0, codigo2);
        Assert.Contains("SINAUTORIZACIÓN", System.Text.RegularExpressions.Regex.Replace(Herramientas.PdfATexto(File.ReadAllBytes(pdf)), @"\s+", ""), StringComparison.Ordinal);
    }
}
