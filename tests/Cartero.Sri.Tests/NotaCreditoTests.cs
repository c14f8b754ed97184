using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;

namespace Cartero.Sri.Tests;

public sealed class NotaCreditoTests
{
    private static string SinEspacios(string texto) => Regex.Replace(texto, @"\s+", "");

    public static TheoryData<string> Casos() => ["total", "parcial", "consumidor-final", "muchas-lineas"];

    private static NotaCredito Caso(string nombre) => nombre switch
    {
        "total" => NotasCreditoDePrueba.Para(NotasCreditoDePrueba.Factura),
        "parcial" => NotasCreditoDePrueba.Parcial(),
        "consumidor-final" => NotasCreditoDePrueba.Para(FacturasDePrueba.Variadas().Single(v => v.Nombre == "consumidor-final").Factura),
        "muchas-lineas" => NotasCreditoDePrueba.Para(FacturasDePrueba.Variadas().Single(v => v.Nombre == "pasaporte-muchas-lineas").Factura),
        _ => throw new ArgumentOutOfRangeException(nameof(nombre)),
    };

    [Theory]
    [MemberData(nameof(Casos))]
    public void Valida_contra_el_xsd_oficial(string caso)
    {
        var generada = NotaCreditoXmlWriter.Generar(Caso(caso));

        var resultado = RutasPrueba.Validador.ValidarNotaCredito(generada.Xml);

        Assert.True(resultado.EsValido, string.Join("; ", resultado.Errores));
        var raiz = XDocument.Parse(Encoding.UTF8.GetString(generada.Xml)).Root!;
        Assert.Equal("notaCredito", raiz.Name.LocalName);
        Assert.Equal("1.1.0", (string?)raiz.Attribute("version"));
        Assert.Equal("04", raiz.Element("infoTributaria")!.Element("codDoc")!.Value);
    }

    [Fact]
    public void El_xsd_rechaza_lo_que_no_es_una_nota_de_credito()
    {
        var xml = Encoding.UTF8.GetString(NotaCreditoXmlWriter.Generar(NotasCreditoDePrueba.Parcial()).Xml);
        var sinMotivo = Regex.Replace(xml, "<motivo>.*?</motivo>", "");
        var numeroCorto = xml.Replace("<numDocModificado>001-002-000000123<", "<numDocModificado>001-002-123<", StringComparison.Ordinal);

        Assert.Contains("<numDocModificado>001-002-000000123<", xml, StringComparison.Ordinal);
        Assert.False(RutasPrueba.Validador.ValidarNotaCredito(Encoding.UTF8.GetBytes(sinMotivo)).EsValido);
        Assert.False(RutasPrueba.Validador.ValidarNotaCredito(Encoding.UTF8.GetBytes(numeroCorto)).EsValido);
        // Each document has its own schema: a factura is not a nota de crédito.
        Assert.False(RutasPrueba.Validador.ValidarNotaCredito(FacturaXmlWriter.Generar(NotasCreditoDePrueba.Factura).Xml).EsValido);
        Assert.False(RutasPrueba.Validador.ValidarFactura(Encoding.UTF8.GetBytes(xml)).EsValido);
    }

    [Theory]
    [MemberData(nameof(Casos))]
    public void Suma_como_el_sri_y_el_xml_dice_lo_calculado(string caso)
    {
        var nc = Caso(caso);
        var generada = NotaCreditoXmlWriter.Generar(nc);
        var leida = NotaCreditoXmlReader.Leer(generada.Xml);

        Assert.Empty(leida.Problemas);
        Assert.Empty(FacturaValidador.CompararTotales(leida.TotalesDeclarados, NotaCreditoCalculadora.Calcular(leida.NotaCredito)));
        var t = generada.Totales;
        Assert.Equal(t.TotalSinImpuestos + t.TotalConImpuestos.Sum(g => g.Valor), generada.ValorModificacion);
        Assert.Equal(t.TotalSinImpuestos, t.Lineas.Sum(l => l.PrecioTotalSinImpuesto));
        Assert.Equal(leida.TotalesDeclarados.ImporteTotal, generada.ValorModificacion);
        Assert.Equal(nc.DocumentoModificado, leida.NotaCredito.DocumentoModificado);
        Assert.Equal(nc.Motivo, leida.NotaCredito.Motivo);
    }

    [Fact]
    public void Mismas_reglas_de_linea_que_la_factura()
    {
        // 1 × 35.555 = 35.56 (half away from zero); IVA 15 % of the group 35.56 = 5.334 → 5.33.
        var parcial = NotaCreditoXmlWriter.Generar(NotasCreditoDePrueba.Parcial());
        var total = NotaCreditoXmlWriter.Generar(NotasCreditoDePrueba.Para(NotasCreditoDePrueba.Factura));

        Assert.Equal(35.56m, parcial.Totales.TotalSinImpuestos);
        Assert.Equal(5.33m, parcial.Totales.ValorDe(2, "4"));
        Assert.Equal(40.89m, parcial.ValorModificacion);
        // The whole factura credited gives back exactly its importe total.
        Assert.Equal(FacturaCalculadora.Calcular(NotasCreditoDePrueba.Factura).ImporteTotal, total.ValorModificacion);
        Assert.Equal(FacturaCalculadora.Calcular(NotasCreditoDePrueba.Factura).TotalConImpuestos, total.Totales.TotalConImpuestos);
    }

    [Fact]
    public void Clave_de_acceso_con_tipo_04()
    {
        var nc = NotasCreditoDePrueba.Parcial();
        var generada = NotaCreditoXmlWriter.Generar(nc);
        var clave = generada.ClaveDeAcceso.Valor;

        var validada = ClaveDeAcceso.Validar(clave);

        Assert.True(validada.EsValida, string.Join("; ", validada.Errores));
        Assert.Equal(TipoComprobante.NotaCredito, validada.Clave!.TipoComprobante);
        Assert.Equal("20082025" + "04" + nc.Emisor.Ruc + "1" + "001002" + "000000007" + "87654321" + "1", clave[..48]);
        Assert.Equal(ClaveDeAcceso.CalcularDigitoVerificador(clave.AsSpan(0, 48)), clave[48] - '0');
        Assert.Contains($"<claveAcceso>{clave}</claveAcceso>", Encoding.UTF8.GetString(generada.Xml), StringComparison.Ordinal);
        // A resend keeps its clave.
        Assert.Equal(clave, NotaCreditoXmlWriter.Generar(nc with { ClaveAcceso = clave, CodigoNumerico = null }).ClaveDeAcceso.Valor);
    }

    [Fact]
    public void Clave_de_una_factura_o_de_otro_documento_se_rechaza()
    {
        var nc = NotasCreditoDePrueba.Parcial();
        var deFactura = FacturaXmlWriter.Generar(NotasCreditoDePrueba.Factura with { FechaEmision = nc.FechaEmision, Secuencial = nc.Secuencial }).ClaveDeAcceso.Valor;
        var deOtroSecuencial = NotaCreditoXmlWriter.Generar(nc with { Secuencial = 8 }).ClaveDeAcceso.Valor;

        var tipo = Assert.Throws<NotaCreditoInvalidaException>(() => NotaCreditoXmlWriter.Generar(nc with { ClaveAcceso = deFactura }));
        var secuencial = Assert.Throws<NotaCreditoInvalidaException>(() => NotaCreditoXmlWriter.Generar(nc with { ClaveAcceso = deOtroSecuencial }));

        Assert.Contains(tipo.Problemas, p => p.Campo == "infoTributaria/claveAcceso" && p.Mensaje.Contains("tipo de comprobante es 01", StringComparison.Ordinal));
        Assert.Contains(secuencial.Problemas, p => p.Mensaje.Contains("el secuencial es 000000008", StringComparison.Ordinal));
    }

    [Fact]
    public void Validador_explica_cada_problema_en_espanol()
    {
        var nc = NotasCreditoDePrueba.Parcial();
        var mala = nc with
        {
            Motivo = " ",
            DocumentoModificado = new DocumentoModificado(TipoComprobante.Retencion, "1-1-123", nc.FechaEmision.AddDays(1)),
            Detalles = [],
            Comprador = new Comprador(TipoIdentificacion.Cedula, "123", "Ana"),
        };

        var problemas = NotaCreditoValidador.Validar(mala);

        Assert.Contains(problemas, p => p.Campo == "infoNotaCredito/motivo" && p.Mensaje.Contains("motivo", StringComparison.Ordinal));
        Assert.Contains(problemas, p => p.Campo == "infoNotaCredito/codDocModificado");
        Assert.Contains(problemas, p => p.Campo == "infoNotaCredito/numDocModificado" && p.Mensaje.Contains("001-001-000000123", StringComparison.Ordinal));
        Assert.Contains(problemas, p => p.Campo == "infoNotaCredito/fechaEmisionDocSustento");
        Assert.Contains(problemas, p => p.Campo == "detalles" && p.Mensaje.StartsWith("La nota de crédito", StringComparison.Ordinal));
        Assert.Contains(problemas, p => p.Campo == "infoNotaCredito/identificacionComprador");
        Assert.DoesNotContain(problemas, p => p.Campo.Contains("pagos", StringComparison.Ordinal) || p.Campo.StartsWith("infoFactura", StringComparison.Ordinal));
        Assert.Empty(NotaCreditoValidador.Validar(nc));
        Assert.Throws<NotaCreditoInvalidaException>(() => NotaCreditoXmlWriter.Generar(mala));
    }

    [Fact]
    public void Se_firma_con_el_mismo_firmador_y_verifican_el_nuestro_y_xmlsec1()
    {
        using var cert = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        var firmada = new FirmadorXades(cert).Firmar(NotaCreditoXmlWriter.Generar(NotasCreditoDePrueba.Parcial()).Xml);

        var nuestro = VerificadorXades.Verificar(firmada);
        var archivo = Path.Combine(RutasPrueba.CarpetaTemporal(), "nota-credito.xml");
        File.WriteAllBytes(archivo, firmada);
        var (codigo, salida, errores) = Herramientas.Ejecutar("xmlsec1", "xmlsec1",
            "--verify", "--enabled-reference-uris", "empty,same-doc", "--insecure",
            "--id-attr:id", "notaCredito", "--id-attr:Id", "SignedProperties", "--id-attr:Id", "KeyInfo",
            "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", archivo);
        var alterada = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(firmada).Replace("<valorModificacion>40.89<", "<valorModificacion>4.09<", StringComparison.Ordinal));

        Assert.True(nuestro.EsValida, string.Join("; ", nuestro.Errores));
        Assert.True(codigo == 0, salida + errores);
        Assert.Contains("OK", salida + errores, StringComparison.Ordinal);
        Assert.True(RutasPrueba.Validador.ValidarNotaCredito(firmada).EsValido, string.Join("; ", RutasPrueba.Validador.ValidarNotaCredito(firmada).Errores));
        Assert.Contains(VerificadorXades.Verificar(alterada).Errores, e => e.Contains("'#comprobante'", StringComparison.Ordinal));
    }

    [Fact]
    public void El_rollo_de_80_mm_de_una_nota_de_credito_se_titula_nota_de_credito_y_no_lleva_forma_de_pago()
    {
        var nc = NotasCreditoDePrueba.Parcial();
        var generada = NotaCreditoXmlWriter.Generar(nc);
        var datos = DatosRide.DesdeNotaCredito(nc, generada) with { NumeroAutorizacion = generada.ClaveDeAcceso.Valor, Formato = FormatoRide.Rollo80mm };

        var texto = SinEspacios(Herramientas.PdfATexto(Ride.GenerarPdf(datos)));

        Assert.Contains(SinEspacios("NOTA DE CRÉDITO No. 001-002-000000007"), texto, StringComparison.Ordinal);
        Assert.Contains(SinEspacios("Comprobante que se modifica: FACTURA 001-002-000000123"), texto, StringComparison.Ordinal);
        Assert.Contains(SinEspacios("Razón de Modificación:"), texto, StringComparison.Ordinal);
        Assert.DoesNotContain("FACTURANo.", texto, StringComparison.Ordinal);
        Assert.DoesNotContain("Formadepago", texto, StringComparison.Ordinal);
    }

    [Fact]
    public void Ride_de_nota_de_credito_con_documento_modificado_y_motivo()
    {
        var nc = NotasCreditoDePrueba.Parcial();
        var generada = NotaCreditoXmlWriter.Generar(nc);
        var datos = DatosRide.DesdeNotaCredito(nc, generada) with { NumeroAutorizacion = generada.ClaveDeAcceso.Valor, FechaAutorizacion = new DateTimeOffset(2025, 8, 20, 9, 5, 0, TimeSpan.FromHours(-5)) };

        var pdf = Ride.GenerarPdf(datos);
        var texto = SinEspacios(Herramientas.PdfATexto(pdf));

        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        string[] esperados =
        [
            "NOTA DE CRÉDITO", "No. 001-002-000000007", "R.U.C.: 1792146739001", "NÚMERO DE AUTORIZACIÓN", "CLAVE DE ACCESO",
            "Razón Social / Nombres y Apellidos: Óptica Los Andes S.A.", "Identificación: 1790012344001", "Fecha Emisión: 20/08/2025",
            "Comprobante que se modifica: FACTURA 001-002-000000123", "Fecha Emisión (Comprobante a modificar): 18/08/2025",
            "Razón de Modificación: Devolución de mercadería: «lunas» con defecto de fábrica",
            "Lunas antirreflejo", "SUBTOTAL 15% 35.56", "IVA 15% 5.33", "VALOR TOTAL 40.89", "Email: compras@ejemplo.ec",
        ];
        Assert.All(esperados, e => Assert.Contains(SinEspacios(e), texto, StringComparison.Ordinal));
        Assert.Equal(2, Regex.Matches(texto, generada.ClaveDeAcceso.Valor).Count); // número de autorización and under the barcode
        Assert.DoesNotContain("FACTURA No.", texto, StringComparison.Ordinal);
        Assert.DoesNotContain("Formadepago", texto, StringComparison.Ordinal);
        Assert.Equal(generada.ClaveDeAcceso.Valor, LeerCodigoDeBarras(pdf, generada.ClaveDeAcceso.Valor));
    }

    [Fact]
    public void Ride_desde_la_nota_de_credito_firmada_y_desde_la_autorizacion()
    {
        using var cert = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        var generada = NotaCreditoXmlWriter.Generar(NotasCreditoDePrueba.Parcial());
        var firmada = new FirmadorXades(cert).Firmar(generada.Xml);
        var sobre = new XDocument(new XElement("autorizacion",
            new XElement("estado", "AUTORIZADO"),
            new XElement("numeroAutorizacion", generada.ClaveDeAcceso.Valor),
            new XElement("fechaAutorizacion", "2025-08-20T09:05:00-05:00"),
            new XElement("ambiente", "PRUEBAS"),
            new XElement("comprobante", new XCData(Encoding.UTF8.GetString(firmada)))));

        var deFirmada = DatosRide.DesdeArchivo(firmada);
        var deSobre = DatosRide.DesdeArchivo(Encoding.UTF8.GetBytes(sobre.ToString()));

        Assert.NotNull(deFirmada.NotaCredito);
        Assert.Equal("001-002-000000123", deFirmada.NotaCredito.DocumentoModificado.NumDocModificado);
        Assert.Equal(40.89m, deFirmada.Totales.ImporteTotal);
        Assert.Equal(new DateTimeOffset(2025, 8, 20, 9, 5, 0, TimeSpan.FromHours(-5)), deSobre.FechaAutorizacion);
        var texto = SinEspacios(Herramientas.PdfATexto(Ride.GenerarPdf(deSobre)));
        Assert.Contains("NOTADECRÉDITO", texto, StringComparison.Ordinal);
        Assert.Contains("FECHAYHORADEAUTORIZACIÓN:20/08/202509:05:00", texto, StringComparison.Ordinal);
        // A factura file still gives a factura's RIDE.
        Assert.Null(DatosRide.DesdeArchivo(FacturaXmlWriter.Generar(NotasCreditoDePrueba.Factura).Xml).NotaCredito);
    }

    /// <summary>Rasterises the RIDE's top and decodes the Code 128 bars drawn there (as <c>RideTests</c> does for a factura).</summary>
    private static string? LeerCodigoDeBarras(byte[] pdfBytes, string clave)
    {
        var carpeta = RutasPrueba.CarpetaTemporal();
        var pdf = Path.Combine(carpeta, "ride.pdf");
        File.WriteAllBytes(pdf, pdfBytes);
        const int dpi = 400;
        var (codigo, _, errores) = Herramientas.Ejecutar("pdftoppm", "poppler-utils", "-r", dpi.ToString(CultureInfo.InvariantCulture),
            "-gray", "-png", "-f", "1", "-l", "1", "-y", "0", "-H", (250 * dpi / 72).ToString(CultureInfo.InvariantCulture), pdf, Path.Combine(carpeta, "pagina"));
        Assert.True(codigo == 0, errores);
        using var imagen = SKBitmap.Decode(Directory.GetFiles(carpeta, "pagina*.png").Single());
        var barras = Code128.Codificar(clave).Count * 3 + 1;
        var modulos = Code128.Anchos(clave).Sum();
        var pixeles = imagen.GetPixelSpan().ToArray();
        // Light gaps inside the code are at most 4 modules and the quiet zone is 10: a gap of 5 modules
        // ends a group. The module is not fixed here, so a few plausible widths (in points) are tried.
        foreach (var moduloPuntos in new[] { 0.75, 1.0, 1.25, 1.5, 2.0 })
        {
            var zonaSilenciosa = 5 * moduloPuntos * dpi / 72;
            for (var y = 0; y < imagen.Height; y++)
            {
                var corridas = new List<(bool Oscuro, int Largo)>();
                for (var x = 0; x < imagen.Width; x++)
                {
                    var oscuro = pixeles[y * imagen.RowBytes + x * imagen.BytesPerPixel] < 128;
                    if (corridas.Count > 0 && corridas[^1].Oscuro == oscuro)
                    {
                        corridas[^1] = (oscuro, corridas[^1].Largo + 1);
                    }
                    else
                    {
                        corridas.Add((oscuro, 1));
                    }
                }

                var grupo = new List<(bool Oscuro, int Largo)>();
                foreach (var c in corridas.Append((Oscuro: false, Largo: int.MaxValue)))
                {
                    if (!c.Oscuro && c.Largo > zonaSilenciosa)
                    {
                        if (grupo.Count(x => x.Oscuro) == barras)
                        {
                            var modulo = grupo.Sum(x => x.Largo) / (double)modulos;
                            return Code128.Decodificar(grupo.Select(x => (int)Math.Round(x.Largo / modulo)).ToList());
                        }

                        grupo.Clear();
                    }
                    else if (c.Oscuro || grupo.Count > 0)
                    {
                        grupo.Add(c);
                    }
                }
            }
        }

        return null;
    }
}
