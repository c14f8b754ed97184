using System.Globalization;
using SkiaSharp;

namespace Cartero.Sri;

/// <summary>
/// Renders the RIDE (representación impresa del documento electrónico) of a factura as an A4 PDF,
/// or as one long page for an 80 mm roll, with the default system font (DejaVu Sans through
/// fontconfig), including the clave de acceso as a Code 128 barcode and as digits.
/// </summary>
public static partial class Ride
{
    private const float Ancho = 595f;
    private const float Alto = 842f;
    private const float Margen = 28f;

    /// <summary>Resolution of the counter's thermal printers (8 dots per mm): one dot is 0.125 mm.</summary>
    public const float PuntosPorPulgadaTermica = 203f;

    /// <summary>
    /// Width of the barcode's narrowest bar on A4, in PDF points: 0.75 pt = 0.265 mm = 2.1 dots at 203 dpi, so no bar
    /// prints narrower than 2 dots. The clave's 321 modules plus 10-module quiet zones take 255.75 pt (90.2 mm), which
    /// fits the 261 pt of the right-hand box.
    /// </summary>
    public const float ModuloA4 = 0.75f;

    /// <summary>Modules the 49-digit clave takes in Code 128 (start, 24 pairs in set C, a switch, one digit, check, stop).</summary>
    internal const int ModulosClave = 321;

    /// <summary>Quiet zone on each side of the barcode, in modules.</summary>
    internal const int ZonaSilencio = 10;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Renders the RIDE and returns the PDF bytes.</summary>
    public static byte[] GenerarPdf(DatosRide datos)
    {
        ArgumentNullException.ThrowIfNull(datos);
        if (datos.Formato == FormatoRide.Rollo80mm)
        {
            return GenerarRollo(datos);
        }

        // Every page says "Página n de N", so N comes from a layout pass first. That pass draws on a
        // canvas that records nothing: a second PDF would embed and compress the fonts again.
        // The same pass collects the characters each typeface draws, so the PDF embeds only those glyphs.
        int paginas;
        SKTypeface? normal, negrita;
        using (var conteo = new Pintor(null, null))
        {
            Dibujar(conteo, datos);
            paginas = conteo.Pagina;
            conteo.Anotar($"Página 0123456789 de {paginas}", conteo.Normal);
            conteo.Anotar(datos.MarcaDeAgua ?? "", conteo.Negrita);
            if (ReferenceEquals(conteo.Normal, conteo.Negrita))
            {
                // No bold face on this machine: one typeface draws everything.
                conteo.UsadosNormal.UnionWith(conteo.UsadosNegrita);
                conteo.UsadosNegrita.UnionWith(conteo.UsadosNormal);
            }

            normal = SubconjuntoFuente.Crear(conteo.Normal, conteo.UsadosNormal);
            negrita = SubconjuntoFuente.Crear(conteo.Negrita, conteo.UsadosNegrita);
        }

        try
        {
            return Renderizar(datos, paginas, normal, negrita);
        }
        finally
        {
            normal?.Dispose();
            negrita?.Dispose();
        }
    }

    private static byte[] Renderizar(DatosRide datos, int totalPaginas, SKTypeface? normal, SKTypeface? negrita) =>
        Renderizar(datos, normal, negrita, documento => new Pintor(documento, totalPaginas, normal, negrita) { MarcaDeAgua = datos.MarcaDeAgua }, Dibujar);

    private static byte[] Renderizar(DatosRide datos, SKTypeface? normal, SKTypeface? negrita, Func<SKDocument, Pintor> crear, Action<Pintor, DatosRide> dibujar)
    {
        using var ms = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"RIDE {(datos.NotaCredito is null ? "Factura" : "Nota de crédito")} {datos.Factura.NumeroComprobante}",
            Author = datos.Factura.Emisor.RazonSocial,
            Creator = "Cartero",
            Producer = "Cartero",
        };
        using (var documento = SKDocument.CreatePdf(ms, metadata))
        using (var pintor = crear(documento))
        {
            dibujar(pintor, datos);
        }

        return ms.ToArray();
    }

    private static void Dibujar(Pintor p, DatosRide d)
    {
        var f = d.Factura;
        var e = f.Emisor;
        const float medio = Margen + 262f;
        const float derecha = Ancho - Margen;

        var yIzq = Margen + 6;
        if (d.Logo is { Length: > 0 } logo)
        {
            yIzq = p.Imagen(logo, Margen + 6, yIzq, 160, 60) + 4;
        }

        foreach (var linea in p.Envolver(e.RazonSocial, p.Titulo, 250))
        {
            yIzq = p.Texto(linea, Margen + 6, yIzq, p.Titulo, 14);
        }

        if (!string.IsNullOrWhiteSpace(e.NombreComercial))
        {
            yIzq = p.Parrafo(e.NombreComercial, Margen + 6, yIzq, 250, p.Negrita, 11);
        }

        yIzq += 4;
        yIzq = p.Parrafo($"Dirección Matriz: {e.DireccionMatriz}", Margen + 6, yIzq, 250, p.Normal, 10);
        if (!string.IsNullOrWhiteSpace(e.DireccionEstablecimiento))
        {
            yIzq = p.Parrafo($"Dirección Sucursal: {e.DireccionEstablecimiento}", Margen + 6, yIzq, 250, p.Normal, 10);
        }

        if (!string.IsNullOrWhiteSpace(e.ContribuyenteEspecial))
        {
            yIzq = p.Texto($"Contribuyente Especial Nro: {e.ContribuyenteEspecial}", Margen + 6, yIzq, p.Normal, 10);
        }

        yIzq = p.Texto($"OBLIGADO A LLEVAR CONTABILIDAD: {(e.ObligadoContabilidad ? "SI" : "NO")}", Margen + 6, yIzq, p.Normal, 10);
        if (e.ContribuyenteRimpe)
        {
            yIzq = p.Texto(Emisor.LeyendaRimpe, Margen + 6, yIzq, p.Negrita, 10);
        }

        if (!string.IsNullOrWhiteSpace(e.AgenteRetencion))
        {
            yIzq = p.Texto($"Agente de Retención Resolución No. {e.AgenteRetencion}", Margen + 6, yIzq, p.Normal, 10);
        }

        var xDer = medio + 10;
        var yDer = Margen + 6;
        yDer = p.Texto($"R.U.C.: {e.Ruc}", xDer + 6, yDer, p.Negrita, 12);
        yDer = p.Texto(d.NotaCredito is null ? "FACTURA" : "NOTA DE CRÉDITO", xDer + 6, yDer + 2, p.Titulo, 16);
        yDer = p.Texto($"No. {f.NumeroComprobante}", xDer + 6, yDer, p.Negrita, 11);
        yDer = p.Texto("NÚMERO DE AUTORIZACIÓN", xDer + 6, yDer + 2, p.Negrita, 10);
        yDer = d.NumeroAutorizacion is { } numero
            ? p.Texto(numero, xDer + 6, yDer, p.Normal, 10, tamano: 7f)
            : p.SinAutorizacion(xDer + 6, yDer, 240);
        if (d.FechaAutorizacion is { } fa)
        {
            yDer = p.Texto($"FECHA Y HORA DE AUTORIZACIÓN: {fa.ToOffset(TimeSpan.FromHours(-5)).ToString("dd/MM/yyyy HH:mm:ss", Inv)}", xDer + 6, yDer, p.Normal, 10);
        }

        yDer = p.Texto($"AMBIENTE: {(f.Ambiente == Ambiente.Produccion ? "PRODUCCIÓN" : "PRUEBAS")}", xDer + 6, yDer, p.Normal, 10);
        yDer = p.Texto("EMISIÓN: NORMAL", xDer + 6, yDer, p.Normal, 10);
        yDer = p.Texto("CLAVE DE ACCESO", xDer + 6, yDer + 2, p.Negrita, 10);
        yDer = p.CodigoBarras(d.ClaveAcceso, xDer + 6, yDer + 2, 36, ModuloA4);
        yDer = p.Texto(d.ClaveAcceso, xDer + 6, yDer + 2, p.Normal, 10, tamano: 7f);

        var finCabecera = Math.Max(yIzq, yDer) + 4;
        p.Marco(Margen, Margen, medio, finCabecera);
        p.Marco(xDer, Margen, derecha, finCabecera);

        var c = f.Comprador;
        var y = finCabecera + 8;
        var inicioComprador = y;
        y += 4;
        y = p.Parrafo($"Razón Social / Nombres y Apellidos: {c.RazonSocial}", Margen + 6, y, 330, p.Normal, 10);
        var yIdent = p.Texto($"Identificación: {c.Identificacion}", Margen + 350, inicioComprador + 4, p.Normal, 10);
        y = Math.Max(y, yIdent);
        y = p.Texto($"Fecha Emisión: {f.FechaEmision.ToString("dd/MM/yyyy", Inv)}", Margen + 6, y, p.Normal, 10);
        if (!string.IsNullOrWhiteSpace(c.Direccion))
        {
            y = p.Parrafo($"Dirección: {c.Direccion}", Margen + 6, y, 520, p.Normal, 10);
        }

        if (d.NotaCredito is { } notaCredito)
        {
            y = DocumentoModificado(p, notaCredito, y);
        }

        y += 2;
        p.Marco(Margen, inicioComprador, derecha, y);

        y += 8;
        float[] columnas = [Margen, Margen + 60, Margen + 105, Margen + 335, Margen + 405, Margen + 465, derecha];
        string[] titulos = ["Cod. Principal", "Cant.", "Descripción", "Precio Unitario", "Descuento", "Precio Total"];
        y = p.Encabezado(columnas, titulos, y);
        for (var i = 0; i < f.Detalles.Count; i++)
        {
            var det = f.Detalles[i];
            var descripcion = p.Envolver(det.Descripcion, p.Normal, columnas[3] - columnas[2] - 6, 7f).ToList();
            foreach (var extra in det.DetallesAdicionales)
            {
                descripcion.AddRange(p.Envolver($"{extra.Nombre}: {extra.Valor}", p.Normal, columnas[3] - columnas[2] - 6, 7f));
            }

            var codigo = det.CodigoPrincipal is null ? [] : p.Envolver(det.CodigoPrincipal, p.Normal, columnas[1] - columnas[0] - 6, 7f).ToList();
            var alto = Math.Max(descripcion.Count, codigo.Count) * 9f + 4;
            if (y + alto > Alto - Margen)
            {
                p.NuevaPagina();
                y = p.Encabezado(columnas, titulos, Margen);
            }

            var fila = y + 2;
            var yc = fila;
            foreach (var l in codigo)
            {
                yc = p.Texto(l, columnas[0] + 3, yc, p.Normal, 9, tamano: 7f);
            }

            p.Derecha(FacturaXmlWriter.Cantidad(det.Cantidad), columnas[2] - 3, fila, p.Normal, 7f);
            var yd = fila;
            foreach (var l in descripcion)
            {
                yd = p.Texto(l, columnas[2] + 3, yd, p.Normal, 9, tamano: 7f);
            }

            p.Derecha(FacturaXmlWriter.Cantidad(det.PrecioUnitario), columnas[4] - 3, fila, p.Normal, 7f);
            p.Derecha(FacturaXmlWriter.Monto(det.Descuento), columnas[5] - 3, fila, p.Normal, 7f);
            p.Derecha(FacturaXmlWriter.Monto(d.Totales.Lineas[i].PrecioTotalSinImpuesto), columnas[6] - 3, fila, p.Normal, 7f);
            p.Fila(columnas, y, y + alto);
            y += alto;
        }

        var totales = LineasDeTotales(d);
        var adicionales = f.InfoAdicional.Select(a => p.Envolver($"{a.Nombre}: {a.Valor}", p.Normal, 290, 7.5f).ToList()).ToList();
        var altoIzq = 16 + adicionales.Sum(a => a.Count * 10f) + 16 + 12 + f.Pagos.Count * 12f + 12;
        var altoDer = totales.Count * 12f + 4;
        if (y + 10 + Math.Max(altoIzq, altoDer) > Alto - Margen)
        {
            p.NuevaPagina();
            y = Margen;
        }

        var yPie = y + 10;
        var yT = yPie;
        const float xEtiqueta = Margen + 330;
        foreach (var (etiqueta, valor, fuerte) in totales)
        {
            p.Texto(etiqueta, xEtiqueta + 4, yT + 1, fuerte ? p.Negrita : p.Normal, 12, tamano: 7.5f);
            p.Derecha(valor, derecha - 4, yT + 1, fuerte ? p.Negrita : p.Normal, 7.5f);
            p.Linea(xEtiqueta, yT + 12, derecha, yT + 12);
            yT += 12;
        }

        p.Marco(xEtiqueta, yPie, derecha, yT);
        p.Linea(derecha - 70, yPie, derecha - 70, yT);

        var yA = yPie;
        if (f.InfoAdicional.Count > 0)
        {
            yA = p.Texto("Información Adicional", Margen + 6, yA + 2, p.Negrita, 12, tamano: 8.5f);
            foreach (var lineas in adicionales)
            {
                foreach (var l in lineas)
                {
                    yA = p.Texto(l, Margen + 6, yA, p.Normal, 10, tamano: 7.5f);
                }
            }

            yA += 3;
            p.Marco(Margen, yPie, Margen + 310, yA);
            yA += 8;
        }

        if (d.NotaCredito is not null)
        {
            return; // a nota de crédito has no forma de pago
        }

        float[] colPago = [Margen, Margen + 200, Margen + 255, Margen + 310];
        yA = p.Encabezado(colPago, ["Forma de pago", "Valor", "Plazo"], yA);
        foreach (var pago in f.Pagos)
        {
            // Long names ("20 - OTROS CON UTILIZACIÓN DEL SISTEMA FINANCIERO") wrap inside the row instead of being cut.
            var forma = p.Envolver(NombreFormaPago(pago), p.Normal, colPago[1] - colPago[0] - 6, 6.5f).ToList();
            var altoFila = Math.Max(12f, forma.Count * 8f + 4);
            var yf = yA + 2;
            foreach (var l in forma)
            {
                yf = p.Texto(l, colPago[0] + 3, yf, p.Normal, 8, tamano: 6.5f);
            }

            p.Derecha(FacturaXmlWriter.Monto(pago.Total), colPago[2] - 3, yA + 2, p.Normal, 7f);
            p.Texto(Plazo(pago), colPago[2] + 3, yA + 2, p.Normal, 9, tamano: 7f);
            p.Fila(colPago, yA, yA + altoFila);
            yA += altoFila;
        }
    }

    private static string NombreFormaPago(Pago pago) => $"{(int)pago.FormaPago:00} - {FormasPago.Descripcion(pago.FormaPago)}";

    private static string Plazo(Pago pago) => pago.Plazo is { } pl ? $"{pl.ToString("0.##", Inv)} {pago.UnidadTiempo}" : "";

    private static List<(string Etiqueta, string Valor, bool Fuerte)> LineasDeTotales(DatosRide d)
    {
        var t = d.Totales;
        var lineas = new List<(string, string, bool)>();
        var iva = t.TotalConImpuestos.Where(x => x.Codigo == TarifaImpuesto.CodigoIva).ToList();
        string Tarifa(ImpuestoCalculado x) =>
            (x.Tarifa != 0 ? x.Tarifa : TarifaImpuesto.TarifaIvaEsperada(x.CodigoPorcentaje) ?? 0m).ToString("0.##", Inv);

        foreach (var g in iva.Where(x => x.CodigoPorcentaje is not ("0" or "6" or "7")))
        {
            lineas.Add(($"SUBTOTAL {Tarifa(g)}%", FacturaXmlWriter.Monto(g.BaseImponible), false));
        }

        foreach (var (codigo, etiqueta) in new[] { ("0", "SUBTOTAL 0%"), ("6", "SUBTOTAL NO OBJETO DE IVA"), ("7", "SUBTOTAL EXENTO DE IVA") })
        {
            if (iva.FirstOrDefault(x => x.CodigoPorcentaje == codigo) is { } g)
            {
                lineas.Add((etiqueta, FacturaXmlWriter.Monto(g.BaseImponible), false));
            }
        }

        lineas.Add(("SUBTOTAL SIN IMPUESTOS", FacturaXmlWriter.Monto(t.TotalSinImpuestos), false));
        if (t.TotalDescuento != 0)
        {
            lineas.Add(("TOTAL DESCUENTO", FacturaXmlWriter.Monto(t.TotalDescuento), false));
        }

        var ice = t.TotalConImpuestos.Where(x => x.Codigo == 3).Sum(x => x.Valor);
        if (ice != 0)
        {
            lineas.Add(("ICE", FacturaXmlWriter.Monto(ice), false));
        }

        foreach (var g in iva.Where(x => x.CodigoPorcentaje is not ("0" or "6" or "7")))
        {
            lineas.Add(($"IVA {Tarifa(g)}%", FacturaXmlWriter.Monto(g.Valor), false));
        }

        var irbpnr = t.TotalConImpuestos.Where(x => x.Codigo == 5).Sum(x => x.Valor);
        if (irbpnr != 0)
        {
            lineas.Add(("IRBPNR", FacturaXmlWriter.Monto(irbpnr), false));
        }

        if (t.Propina != 0)
        {
            lineas.Add(("PROPINA", FacturaXmlWriter.Monto(t.Propina), false));
        }

        lineas.Add(("VALOR TOTAL", FacturaXmlWriter.Monto(t.ImporteTotal), true));
        return lineas;
    }

    /// <summary>Page, fonts and drawing helpers; y grows downwards, texts are placed by their top.</summary>
    private sealed class Pintor : IDisposable
    {
        // Resolved once: each lookup goes through fontconfig, and typefaces are immutable, so one
        // instance serves every RIDE on every thread.
        private static readonly SKTypeface TipoNormal = SKTypeface.Default;
        private static readonly SKTypeface TipoNegrita = SKTypeface.FromFamilyName(TipoNormal.FamilyName, SKFontStyle.Bold) ?? TipoNormal;

        private readonly SKDocument? _documento;
        private readonly SKPaint _tinta = new() { Color = SKColors.Black, IsAntialias = true };
        private readonly SKPaint _trazo = new() { Color = SKColors.Black, IsStroke = true, StrokeWidth = 0.6f };
        private readonly SKPaint _relleno = new() { Color = SKColors.Black, Style = SKPaintStyle.Fill };
        private readonly int? _totalPaginas;
        private readonly float _ancho;
        private readonly float _alto;
        private SKCanvas _lienzo;

        /// <param name="documento">The PDF to draw into; null to only lay out, count pages and collect characters.</param>
        /// <param name="normal">Typeface for regular text (a subset of the default); the whole default when null.</param>
        /// <param name="negrita">Typeface for bold text; the whole bold default when null.</param>
        public Pintor(SKDocument? documento, int? totalPaginas, SKTypeface? normal = null, SKTypeface? negrita = null, float ancho = Ancho, float alto = Alto)
        {
            _documento = documento;
            _totalPaginas = totalPaginas;
            _ancho = ancho;
            _alto = alto;
            Pagina = 1;
            _lienzo = NuevoLienzo();
            Normal = normal ?? TipoNormal;
            Negrita = negrita ?? TipoNegrita;
            Titulo = Negrita;
        }

        /// <summary>Characters drawn with <see cref="Normal"/> during a layout pass.</summary>
        public HashSet<int> UsadosNormal { get; } = [];

        /// <summary>Characters drawn with <see cref="Negrita"/> (and <see cref="Titulo"/>) during a layout pass.</summary>
        public HashSet<int> UsadosNegrita { get; } = [];

        /// <summary>Records the characters of <paramref name="texto"/> for the typeface that will draw them.</summary>
        public void Anotar(string texto, SKTypeface tipo)
        {
            if (_documento is not null)
            {
                return;
            }

            var usados = ReferenceEquals(tipo, Negrita) ? UsadosNegrita : UsadosNormal;
            foreach (var runa in texto.EnumerateRunes())
            {
                usados.Add(runa.Value);
            }
        }

        public SKTypeface Normal { get; }

        public SKTypeface Negrita { get; }

        public SKTypeface Titulo { get; }

        public int Pagina { get; private set; }

        /// <summary>Drawn last on every page, diagonally and in red, so nothing printed hides it.</summary>
        public string? MarcaDeAgua { get; init; }

        public void NuevaPagina()
        {
            CerrarPagina();
            _lienzo = NuevoLienzo();
            Pagina++;
        }

        private SKCanvas NuevoLienzo() => _documento?.BeginPage(_ancho, _alto) ?? new SKNoDrawCanvas((int)_ancho, (int)_alto);

        private void CerrarPagina()
        {
            if (_documento is null)
            {
                // Only the layout pass owns its canvas; a PDF page's canvas belongs to the document.
                _lienzo.Dispose();
                return;
            }

            if (!string.IsNullOrWhiteSpace(MarcaDeAgua))
            {
                // Sized to the page, so the mark stays inside an 80 mm roll as well as on A4.
                var tamano = Math.Min(96f, _ancho / 5f);
                using var marca = new SKFont(Negrita, tamano);
                using var roja = new SKPaint { Color = new SKColor(200, 0, 0, 110), IsAntialias = true };
                _lienzo.Save();
                _lienzo.RotateDegrees(-45f, _ancho / 2, _alto / 2);
                _lienzo.DrawText(MarcaDeAgua, _ancho / 2, _alto / 2 + tamano / 3f, SKTextAlign.Center, marca, roja);
                _lienzo.Restore();
            }

            if (_totalPaginas is { } total)
            {
                using var fuente = new SKFont(Normal, 7f);
                _lienzo.DrawText($"Página {Pagina} de {total}", _ancho - Margen, _alto - Margen / 2, SKTextAlign.Right, fuente, _tinta);
            }

            _documento.EndPage();
        }

        /// <summary>Draws one line; returns the y below it.</summary>
        public float Texto(string texto, float x, float y, SKTypeface tipo, float interlinea, float? tamano = null)
        {
            Anotar(texto, tipo);
            using var fuente = new SKFont(tipo, tamano ?? interlinea * 0.8f);
            _lienzo.DrawText(texto, x, y + fuente.Size, SKTextAlign.Left, fuente, _tinta);
            return y + interlinea;
        }

        public void Centro(string texto, float x, float y, SKTypeface tipo, float tamano)
        {
            Anotar(texto, tipo);
            using var fuente = new SKFont(tipo, tamano);
            _lienzo.DrawText(texto, x, y + fuente.Size, SKTextAlign.Center, fuente, _tinta);
        }

        public void Derecha(string texto, float x, float y, SKTypeface tipo, float tamano)
        {
            Anotar(texto, tipo);
            using var fuente = new SKFont(tipo, tamano);
            _lienzo.DrawText(texto, x, y + fuente.Size, SKTextAlign.Right, fuente, _tinta);
        }

        public float Parrafo(string texto, float x, float y, float ancho, SKTypeface tipo, float interlinea)
        {
            foreach (var linea in Envolver(texto, tipo, ancho, interlinea * 0.8f))
            {
                y = Texto(linea, x, y, tipo, interlinea);
            }

            return y;
        }

        public IEnumerable<string> Envolver(string texto, SKTypeface tipo, float ancho, float tamano = 11.2f)
        {
            using var fuente = new SKFont(tipo, tamano);
            var lineas = new List<string>();
            foreach (var parrafo in texto.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                var actual = "";
                foreach (var palabra in parrafo.Split(' '))
                {
                    var candidata = actual.Length == 0 ? palabra : actual + " " + palabra;
                    if (fuente.MeasureText(candidata) <= ancho || actual.Length == 0)
                    {
                        actual = candidata;
                    }
                    else
                    {
                        lineas.Add(actual);
                        actual = palabra;
                    }

                    // A single word wider than the column is cut so it never overflows.
                    while (fuente.MeasureText(actual) > ancho && actual.Length > 1)
                    {
                        var corte = actual.Length - 1;
                        while (corte > 1 && fuente.MeasureText(actual[..corte]) > ancho)
                        {
                            corte--;
                        }

                        lineas.Add(actual[..corte]);
                        actual = actual[corte..];
                    }
                }

                lineas.Add(actual);
            }

            return lineas;
        }

        /// <summary>Draws an image scaled to fit the box; returns the y below it (unchanged when undecodable).</summary>
        public float Imagen(byte[] datos, float x, float y, float anchoMax, float altoMax)
        {
            using var imagen = SKImage.FromEncodedData(datos);
            if (imagen is null)
            {
                return y;
            }

            var escala = Math.Min(anchoMax / imagen.Width, altoMax / imagen.Height);
            var destino = SKRect.Create(x, y, imagen.Width * escala, imagen.Height * escala);
            _lienzo.DrawImage(imagen, destino, new SKSamplingOptions(SKFilterMode.Linear));
            return destino.Bottom;
        }

        public float CodigoBarras(string digitos, float x, float y, float alto, float modulo)
        {
            var cx = x + ZonaSilencio * modulo;
            var barra = true;
            foreach (var ancho in Code128.Anchos(digitos))
            {
                if (barra)
                {
                    _lienzo.DrawRect(SKRect.Create(cx, y, ancho * modulo, alto), _relleno);
                }

                cx += ancho * modulo;
                barra = !barra;
            }

            return y + alto;
        }

        /// <summary>The barcode turned a quarter: bars run across the page and the code runs down it; returns the y below it.</summary>
        public float CodigoBarrasVertical(string digitos, float x, float y, float ancho, float modulo)
        {
            var cy = y + ZonaSilencio * modulo;
            var barra = true;
            foreach (var modulos in Code128.Anchos(digitos))
            {
                if (barra)
                {
                    _lienzo.DrawRect(SKRect.Create(x, cy, ancho, modulos * modulo), _relleno);
                }

                cy += modulos * modulo;
                barra = !barra;
            }

            return cy + ZonaSilencio * modulo;
        }

        /// <summary>The framed "SIN AUTORIZACIÓN" printed where the número de autorización goes; returns the y below it.</summary>
        public float SinAutorizacion(float x, float y, float ancho)
        {
            const string texto = "SIN AUTORIZACIÓN";
            Anotar(texto, Negrita);
            using var fuente = new SKFont(Negrita, 12f);
            _lienzo.DrawText(texto, x + 4, y + 14, SKTextAlign.Left, fuente, _tinta);
            using var grueso = new SKPaint { Color = SKColors.Black, IsStroke = true, StrokeWidth = 1.5f };
            _lienzo.DrawRect(SKRect.Create(x, y + 1, Math.Min(ancho, fuente.MeasureText(texto) + 8), 18), grueso);
            return y + 22;
        }


        public float Encabezado(float[] columnas, string[] titulos, float y)
        {
            for (var i = 0; i < titulos.Length; i++)
            {
                Texto(titulos[i], columnas[i] + 3, y + 2, Negrita, 10, tamano: 7f);
            }

            Fila(columnas, y, y + 12);
            return y + 12;
        }

        public void Fila(float[] columnas, float arriba, float abajo)
        {
            _lienzo.DrawRect(new SKRect(columnas[0], arriba, columnas[^1], abajo), _trazo);
            foreach (var x in columnas.Skip(1).SkipLast(1))
            {
                _lienzo.DrawLine(x, arriba, x, abajo, _trazo);
            }
        }

        public void Marco(float izquierda, float arriba, float derecha, float abajo) =>
            _lienzo.DrawRoundRect(new SKRect(izquierda, arriba, derecha, abajo), 4, 4, _trazo);

        public void Linea(float x1, float y1, float x2, float y2) => _lienzo.DrawLine(x1, y1, x2, y2, _trazo);

        public void Dispose()
        {
            CerrarPagina();
            _documento?.Close();
            _tinta.Dispose();
            _trazo.Dispose();
            _relleno.Dispose();
        }
    }
}
