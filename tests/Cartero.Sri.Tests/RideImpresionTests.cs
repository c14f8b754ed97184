using System.Text.RegularExpressions;
using SkiaSharp;

namespace Cartero.Sri.Tests;

/// <summary>
/// What the RIDE looks like once printed: long payment names wrap, the logo is there, the clave's barcode decodes
/// from a 203 dpi raster (a counter's thermal printer), the 80 mm roll layout and the "SIN AUTORIZACIÓN" mark.
/// </summary>
public sealed class RideImpresionTests
{
    private static DatosRide Datos(FormatoRide formato = FormatoRide.A4, bool autorizada = true, byte[]? logo = null)
    {
        var factura = FacturasDePrueba.ConPagosCuadrados(FacturasDePrueba.Basica(FacturasDePrueba.CompradorRuc,
                new DetalleFactura("Armazón acetato café con plaquetas de silicona", 1m, 48.5m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "ARM-01" },
                new DetalleFactura("Lentes de contacto mensuales", 2m, 5.5m, [TarifaImpuesto.Iva0]) { Descuento = 1m }),
            FormaPago.OtrosConUtilizacionSistemaFinanciero, FormaPago.SinUtilizacionSistemaFinanciero);
        var generada = FacturaXmlWriter.Generar(factura);
        var clave = generada.ClaveDeAcceso.Valor;
        return new DatosRide(factura, generada.Totales, clave, autorizada ? clave : null,
            autorizada ? new DateTimeOffset(2025, 8, 18, 10, 15, 30, TimeSpan.FromHours(-5)) : null)
        {
            Formato = formato,
            Logo = logo,
        };
    }

    private static string SinEspacios(string texto) => Regex.Replace(texto, @"\s+", "");

    [Fact]
    public void Una_forma_de_pago_larga_se_imprime_completa_en_varias_lineas()
    {
        var texto = Herramientas.PdfATexto(Ride.GenerarPdf(Datos()));

        Assert.Contains("SISTEMAFINANCIERO", SinEspacios(texto), StringComparison.Ordinal);
        Assert.Contains("20-OTROSCONUTILIZACIÓNDEL", SinEspacios(texto), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FormatoRide.A4)]
    [InlineData(FormatoRide.Rollo80mm)]
    public void El_codigo_de_barras_de_la_clave_se_lee_de_una_imagen_a_203_ppp(FormatoRide formato)
    {
        var datos = Datos(formato);

        var (ancho, alto, luz) = Rasterizar(Ride.GenerarPdf(datos), 203);

        // On the roll the bars run across the paper: the scanner reads it turned a quarter.
        var leido = formato == FormatoRide.A4 ? Leer(ancho, alto, luz) : Leer(alto, ancho, Transponer(ancho, alto, luz));
        Assert.Equal(datos.ClaveAcceso, leido);
    }

    [Fact]
    public void Las_barras_miden_al_menos_dos_puntos_a_203_ppp_y_caben_en_el_papel()
    {
        var punto = 72f / Ride.PuntosPorPulgadaTermica;
        Assert.True(Ride.ModuloA4 / punto >= 2f, $"A4: {Ride.ModuloA4 / punto:0.00} puntos por módulo");
        Assert.True(Ride.ModuloRollo / punto >= 2f, $"Rollo: {Ride.ModuloRollo / punto:0.00} puntos por módulo");
        const int modulos = Ride.ModulosClave + 2 * Ride.ZonaSilencio;
        Assert.Equal(Ride.ModulosClave, Code128.Anchos(Datos().ClaveAcceso).Sum());
        // A4: the right-hand box is 261 pt wide inside its frame.
        Assert.True(modulos * Ride.ModuloA4 <= 261f, $"{modulos * Ride.ModuloA4} pt");
    }

    [Fact]
    public void El_rollo_de_80_mm_es_una_sola_pagina_angosta_con_todos_los_datos_y_el_logo()
    {
        var datos = Datos(FormatoRide.Rollo80mm, logo: Logo());

        var pdf = Ride.GenerarPdf(datos);

        var archivo = Path.Combine(RutasPrueba.CarpetaTemporal(), "rollo.pdf");
        File.WriteAllBytes(archivo, pdf);
        var (codigo, info, errores) = Herramientas.Ejecutar("pdfinfo", "poppler-utils", archivo);
        Assert.True(codigo == 0, errores);
        Assert.Matches(@"Pages:\s+1\n", info);
        var tamano = Regex.Match(info, @"Page size:\s+([0-9.]+) x ([0-9.]+) pts");
        Assert.InRange(double.Parse(tamano.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 226, 228); // 80 mm
        Assert.True(double.Parse(tamano.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 600);
        var texto = SinEspacios(Herramientas.PdfATexto(pdf));
        foreach (var esperado in new[]
                 {
                     "R.U.C.:1792146739001", "FACTURANo.001-002-000000123", "NÚMERODEAUTORIZACIÓN", "Identificación:1790012344001",
                     "VALORTOTAL" + FacturaXmlWriter.Monto(datos.Totales.ImporteTotal), "20-OTROSCONUTILIZACIÓNDEL", "FINANCIERO", "CLAVEDEACCESO",
                 })
        {
            Assert.Contains(esperado, texto, StringComparison.Ordinal);
        }

        var (codigoImagenes, imagenes, _) = Herramientas.Ejecutar("pdfimages", "poppler-utils", "-list", archivo);
        Assert.Equal(0, codigoImagenes);
        Assert.Contains(" image ", imagenes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FormatoRide.A4)]
    [InlineData(FormatoRide.Rollo80mm)]
    public void Sin_numero_de_autorizacion_se_imprime_sin_autorizacion(FormatoRide formato)
    {
        var datos = Datos(formato, autorizada: false);

        var texto = SinEspacios(Herramientas.PdfATexto(Ride.GenerarPdf(datos)));

        Assert.Contains("SINAUTORIZACIÓN", texto, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(texto, datos.ClaveAcceso));
        Assert.DoesNotContain("FECHAYHORADEAUTORIZACIÓN", texto, StringComparison.Ordinal);
    }

    private static byte[] Logo()
    {
        using var bitmap = new SKBitmap(120, 40);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var tinta = new SKPaint { Color = SKColors.DarkBlue };
            canvas.DrawCircle(20, 20, 18, tinta);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The PDF's first page as a thermal printer sees it: 1 bit per dot, no smoothing; one luminance byte per dot.</summary>
    private static (int Ancho, int Alto, byte[] Luz) Rasterizar(byte[] pdf, int ppp)
    {
        var carpeta = RutasPrueba.CarpetaTemporal();
        var archivo = Path.Combine(carpeta, "ride.pdf");
        File.WriteAllBytes(archivo, pdf);
        var (codigo, _, errores) = Herramientas.Ejecutar("pdftoppm", "poppler-utils", "-r", ppp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-mono", "-png", "-singlefile", archivo, Path.Combine(carpeta, "pagina"));
        Assert.True(codigo == 0, errores);
        using var imagen = SKBitmap.Decode(Path.Combine(carpeta, "pagina.png"));
        var luz = new byte[imagen.Width * imagen.Height];
        for (var y = 0; y < imagen.Height; y++)
        {
            for (var x = 0; x < imagen.Width; x++)
            {
                luz[y * imagen.Width + x] = imagen.GetPixel(x, y).Red;
            }
        }

        return (imagen.Width, imagen.Height, luz);
    }

    private static byte[] Transponer(int ancho, int alto, byte[] luz)
    {
        var t = new byte[luz.Length];
        for (var y = 0; y < alto; y++)
        {
            for (var x = 0; x < ancho; x++)
            {
                t[x * alto + y] = luz[y * ancho + x];
            }
        }

        return t;
    }

    private static string? Leer(int ancho, int alto, byte[] luz)
    {
        var fuente = new ZXing.RGBLuminanceSource(luz, ancho, alto, ZXing.RGBLuminanceSource.BitmapFormat.Gray8);
        var pistas = new Dictionary<ZXing.DecodeHintType, object>
        {
            [ZXing.DecodeHintType.POSSIBLE_FORMATS] = new List<ZXing.BarcodeFormat> { ZXing.BarcodeFormat.CODE_128 },
            [ZXing.DecodeHintType.TRY_HARDER] = true,
        };
        return new ZXing.MultiFormatReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(fuente)), pistas)?.Text;
    }
}
