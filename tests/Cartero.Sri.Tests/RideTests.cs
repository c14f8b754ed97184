using System.Text.RegularExpressions;
using SkiaSharp;

namespace Cartero.Sri.Tests;

public sealed class RideTests
{
    private static DatosRide Completa(out Factura factura)
    {
        factura = FacturasDePrueba.ConPagosCuadrados(FacturasDePrueba.Basica(FacturasDePrueba.CompradorRuc,
            new DetalleFactura("Cuaderno de 100 hojas, año escolar", 3m, 1.115m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "CUAD-100", Descuento = 0.10m, DetallesAdicionales = [new("Color", "Azul añil")] },
            new DetalleFactura("Arroz", 2m, 1.25m, [TarifaImpuesto.Iva0]),
            new DetalleFactura("Ladrillo", 10m, 0.45m, [TarifaImpuesto.Iva5]),
            new DetalleFactura("Cuota gremial", 1m, 5m, [TarifaImpuesto.IvaNoObjeto]),
            new DetalleFactura("Medicamento", 1m, 3.2m, [TarifaImpuesto.IvaExento])) with
        {
            Propina = 1.25m,
            Emisor = FacturasDePrueba.Emisor with { ContribuyenteRimpe = true },
            InfoAdicional = [new("Email", "compras@ejemplo.ec"), new("Teléfono", "0999999999")],
        }, FormaPago.TarjetaCredito, FormaPago.SinUtilizacionSistemaFinanciero);
        var generada = FacturaXmlWriter.Generar(factura);
        return new DatosRide(factura, generada.Totales, generada.ClaveDeAcceso.Valor, generada.ClaveDeAcceso.Valor,
            new DateTimeOffset(2025, 8, 18, 10, 15, 30, TimeSpan.FromHours(-5)));
    }

    // pdftotext -raw keeps drawing order (label, then its value) but may split a word where
    // glyphs are kerned, so texts are compared without whitespace.
    private static string SinEspacios(string texto) => Regex.Replace(texto, @"\s+", "");

    [Fact]
    public void Ride_muestra_todos_los_campos_obligatorios_con_acentos()
    {
        var datos = Completa(out var f);

        var pdf = Ride.GenerarPdf(datos);
        var texto = SinEspacios(Herramientas.PdfATexto(pdf));

        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        var archivo = Path.Combine(RutasPrueba.CarpetaTemporal(), "fuentes.pdf");
        File.WriteAllBytes(archivo, pdf);
        var (codigoFuentes, fuentes, erroresFuentes) = Herramientas.Ejecutar("pdffonts", "poppler-utils", archivo);
        Assert.True(codigoFuentes == 0, erroresFuentes);
        Assert.Contains("DejaVuSans", fuentes, StringComparison.Ordinal);
        Assert.Contains("DejaVuSans-Bold", fuentes, StringComparison.Ordinal);
        // Only the glyphs drawn are embedded: the whole DejaVu files would make it ~740 KB, too heavy to mail.
        Assert.True(pdf.Length < 100 * 1024, $"El RIDE pesa {pdf.Length / 1024} KB: las fuentes se incrustaron completas.");
        string[] esperados =
        [
            "Distribuidora Ñandú & Hijos Cía. Ltda.", "Papelería Ñandú", "R.U.C.: 1792146739001",
            "Dirección Matriz: Av. Amazonas N34-12 y Atahualpa, Quito", "Dirección Sucursal: Calle García Moreno 123, Quito",
            "Contribuyente Especial Nro: 12345", "OBLIGADO A LLEVAR CONTABILIDAD: SI", "CONTRIBUYENTE RÉGIMEN RIMPE",
            "Agente de Retención Resolución No. 1", "FACTURA", "No. 001-002-000000123", "NÚMERO DE AUTORIZACIÓN",
            "FECHA Y HORA DE AUTORIZACIÓN: 18/08/2025 10:15:30", "AMBIENTE: PRUEBAS", "EMISIÓN: NORMAL", "CLAVE DE ACCESO",
            datos.ClaveAcceso, "Razón Social / Nombres y Apellidos: Óptica Los Andes S.A.", "Identificación: 1790012344001",
            "Fecha Emisión: 18/08/2025", "Dirección: Av. 6 de Diciembre, Quito",
            "CUAD-100", "Cuaderno de 100 hojas, año escolar", "Color: Azul añil", "1.115", "3.25",
            "SUBTOTAL 15% 3.25", "SUBTOTAL 5% 4.50", "SUBTOTAL 0% 2.50", "SUBTOTAL NO OBJETO DE IVA 5.00", "SUBTOTAL EXENTO DE IVA 3.20",
            "SUBTOTAL SIN IMPUESTOS 18.45", "TOTAL DESCUENTO 0.10", "IVA 15% 0.49", "IVA 5% 0.23", "PROPINA 1.25",
            "VALOR TOTAL " + FacturaXmlWriter.Monto(datos.Totales.ImporteTotal),
            "Información Adicional", "Email: compras@ejemplo.ec", "Teléfono: 0999999999",
            "Forma de pago", "19 - TARJETA DE CRÉDITO", "01 - SIN UTILIZACIÓN DEL SISTEMA FINANCIERO", "30 dias",
        ];
        Assert.All(esperados, e => Assert.Contains(SinEspacios(e), texto, StringComparison.Ordinal));
        Assert.Equal(2, Regex.Matches(texto, datos.ClaveAcceso).Count); // número de autorización and under the barcode
        Assert.Equal(20.42m, datos.Totales.ImporteTotal);
    }

    [Fact]
    public void Solo_aparecen_los_subtotales_con_valor()
    {
        var f = FacturasDePrueba.Basica();
        var g = FacturaXmlWriter.Generar(f);

        var texto = SinEspacios(Herramientas.PdfATexto(Ride.GenerarPdf(DatosRide.Desde(f, g))));

        Assert.Contains("SUBTOTAL15%20.00", texto, StringComparison.Ordinal);
        Assert.Contains("IVA15%3.00", texto, StringComparison.Ordinal);
        Assert.Contains("VALORTOTAL23.00", texto, StringComparison.Ordinal);
        foreach (var ausente in new[] { "SUBTOTAL 0%", "NO OBJETO", "EXENTO", "TOTAL DESCUENTO", "PROPINA", "ICE", "SUBTOTAL 5%", "FECHA Y HORA DE AUTORIZACIÓN", "RIMPE" })
        {
            Assert.DoesNotContain(SinEspacios(ausente), texto, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Muchas_lineas_continuan_en_otras_paginas()
    {
        var lineas = Enumerable.Range(1, 120).Select(i => new DetalleFactura($"Producto número {i} con descripción larga para ocupar espacio en la tabla", 1m, 0.1m, [TarifaImpuesto.Iva0])).ToArray();
        var f = FacturasDePrueba.Basica(null, lineas);
        var g = FacturaXmlWriter.Generar(f);

        var pdf = Ride.GenerarPdf(DatosRide.Desde(f, g));
        var texto = Herramientas.PdfATexto(pdf);

        var paginas = texto.Split('\f');
        Assert.True(paginas.Length >= 2);
        Assert.All(paginas.Select((p, i) => (p, i)), x => Assert.Contains($"Página {x.i + 1} de {paginas.Length}", x.p, StringComparison.Ordinal));
        Assert.Contains("Producto número 1 ", texto, StringComparison.Ordinal);
        Assert.Contains("Producto número 120 ", texto, StringComparison.Ordinal);
        Assert.Contains("VALOR TOTAL", texto, StringComparison.Ordinal);
    }

    [Fact]
    public void Logo_del_emisor_se_incluye_y_un_logo_ilegible_no_impide_el_ride()
    {
        var f = FacturasDePrueba.Basica();
        var g = FacturaXmlWriter.Generar(f);
        using var bitmap = new SKBitmap(200, 80);
        using (var lienzo = new SKCanvas(bitmap))
        {
            lienzo.Clear(SKColors.SteelBlue);
        }

        using var png = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);
        var sinLogo = Ride.GenerarPdf(DatosRide.Desde(f, g));
        var conLogo = Ride.GenerarPdf(DatosRide.Desde(f, g) with { Logo = png.ToArray() });
        var ilegible = Ride.GenerarPdf(DatosRide.Desde(f, g) with { Logo = [1, 2, 3] });

        var carpeta = RutasPrueba.CarpetaTemporal();
        File.WriteAllBytes(Path.Combine(carpeta, "logo.pdf"), conLogo);
        var (codigo, salida, errores) = Herramientas.Ejecutar("pdfimages", "poppler-utils", "-list", Path.Combine(carpeta, "logo.pdf"));
        Assert.True(codigo == 0, errores);
        Assert.Matches(@"\b200\s+80\b", salida);
        Assert.True(conLogo.Length > sinLogo.Length);
        Assert.Contains("Distribuidora Ñandú", Herramientas.PdfATexto(ilegible), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0503201201176001321000110010030009900641234567814")]
    [InlineData("2111202405176001321000110010010000001241234567810")]
    [InlineData("1234")]
    [InlineData("7")]
    public void Code128_se_decodifica_a_los_mismos_digitos(string digitos)
    {
        var anchos = Code128.Anchos(digitos);

        Assert.Equal(digitos, Code128.Decodificar(anchos));
    }

    [Fact]
    public void Code128_estructura_de_la_clave()
    {
        var clave = "0503201201176001321000110010030009900641234567814";
        var valores = Code128.Codificar(clave);

        Assert.Equal(Code128.InicioC, valores[0]);
        Assert.Equal([5, 3, 20, 12, 1], valores.Skip(1).Take(5));
        Assert.Equal(Code128.CambioAB, valores[25]);
        Assert.Equal('4' - 32, valores[26]);
        Assert.Equal(Code128.Fin, valores[^1]);
        Assert.Equal(28 * 11 + 13, Code128.Anchos(clave).Sum()); // 28 symbols of 11 modules plus a 13-module stop
        // Known example: "1234" in set C → 105, 12, 34, checksum (105 + 12 + 2·34) mod 103 = 82, stop.
        Assert.Equal([105, 12, 34, 82, 106], Code128.Codificar("1234"));
    }

    [Fact]
    public void Code128_tabla_bien_formada()
    {
        var patrones = Enumerable.Range(0, 107).Select(v => string.Concat(Code128.Patron(v))).ToList();

        Assert.Equal(107, patrones.Distinct().Count());
        Assert.All(Enumerable.Range(0, 106), v => Assert.Equal(11, Code128.Patron(v).Sum()));
        Assert.All(Enumerable.Range(0, 106), v => Assert.Equal(0, (Code128.Patron(v)[0] + Code128.Patron(v)[2] + Code128.Patron(v)[4]) % 2));
        Assert.Equal(13, Code128.Patron(106).Sum());
    }

    [Fact]
    public void Code128_detecta_un_ancho_alterado()
    {
        var anchos = Code128.Anchos("0503201201176001321000110010030009900641234567814").ToArray();
        (anchos[8], anchos[9]) = (anchos[9], anchos[8]);

        Assert.Throws<FormatException>(() => Code128.Decodificar(anchos));
    }

    /// <summary>
    /// Golden widths for a clave. They were read back as this very clave by an independent
    /// decoder (zbarimg 0.23.92) from our bars; any change to the pattern table breaks this.
    /// </summary>
    [Fact]
    public void Code128_coincide_con_la_lectura_independiente()
    {
        const string leidoPorZbar = "2112322132122312122212313112221312221232213141112221222321212213122122222312122122222213122221222122222122222122221122322313113121311131231411221211421141311231222131312331112";

        Assert.Equal(leidoPorZbar, string.Concat(Code128.Anchos("2111202405176001321000110010010000001241234567810")));
    }

    /// <summary>The bars drawn in the RIDE, rasterised by poppler, decode back to the clave.</summary>
    [Fact]
    public void Codigo_de_barras_del_pdf_se_lee()
    {
        var f = FacturasDePrueba.Basica();
        var g = FacturaXmlWriter.Generar(f);
        var carpeta = RutasPrueba.CarpetaTemporal();
        var pdf = Path.Combine(carpeta, "ride.pdf");
        File.WriteAllBytes(pdf, Ride.GenerarPdf(DatosRide.Desde(f, g)));
        const int dpi = 400;
        var (codigo, _, errores) = Herramientas.Ejecutar("pdftoppm", "poppler-utils", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-gray", "-png", "-f", "1", "-l", "1", "-y", "0", "-H", (250 * dpi / 72).ToString(System.Globalization.CultureInfo.InvariantCulture), pdf, Path.Combine(carpeta, "pagina"));
        Assert.True(codigo == 0, errores);
        using var imagen = SKBitmap.Decode(Directory.GetFiles(carpeta, "pagina*.png").Single());

        // 28 symbols of 3 bars plus a 4-bar stop. Along each row, dark runs are grouped where
        // light gaps are shorter than a quiet zone; a group of exactly 88 bars is the barcode.
        var barras = Code128.Codificar(g.ClaveDeAcceso.Valor).Count * 3 + 1;
        var modulos = Code128.Anchos(g.ClaveDeAcceso.Valor).Sum();
        var zonaSilenciosa = 5 * 0.75 * dpi / 72; // half of the 10-module quiet zone, in pixels
        // A grey page: any one channel holds the grey level.
        var pixeles = imagen.GetPixelSpan().ToArray();
        List<int>? anchos = null;
        for (var y = 0; y < imagen.Height && anchos is null; y++)
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
                        anchos = grupo.Select(x => (int)Math.Round(x.Largo / modulo)).ToList();
                        break;
                    }

                    grupo.Clear();
                }
                else if (c.Oscuro || grupo.Count > 0)
                {
                    grupo.Add(c);
                }
            }
        }

        Assert.NotNull(anchos);
        Assert.Equal(g.ClaveDeAcceso.Valor, Code128.Decodificar(anchos));
    }

    [Fact]
    public void Ride_desde_archivo_firmado()
    {
        using var cert = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        var firmada = new FirmadorXades(cert).Firmar(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml);

        var datos = DatosRide.DesdeArchivo(firmada);

        Assert.Equal(23m, datos.Totales.ImporteTotal);
        Assert.Null(datos.FechaAutorizacion);
        Assert.Contains("Distribuidora Ñandú", Herramientas.PdfATexto(Ride.GenerarPdf(datos)), StringComparison.Ordinal);
    }
}
