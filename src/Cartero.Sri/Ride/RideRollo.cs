using SkiaSharp;

namespace Cartero.Sri;

/// <summary>The 80 mm roll layout: one column 72 mm wide (what the counter's printers print of an 80 mm roll) on one page as long as its content.</summary>
public static partial class Ride
{
    /// <summary>80 mm in PDF points.</summary>
    internal const float AnchoRollo = 80f / 25.4f * 72f;

    /// <summary>The printable 72 mm, centred.</summary>
    private const float MargenRollo = (AnchoRollo - 72f / 25.4f * 72f) / 2f;

    /// <summary>
    /// The clave's 341 modules (with quiet zones) at 2 dots would take 85 mm, more than the 72 mm a roll prints, so on
    /// the roll the barcode runs down the page, 3 dots a module (0.375 mm, 128 mm long) with its start on the dot grid:
    /// every bar is a whole number of dots at 203 dpi.
    /// </summary>
    public const float ModuloRollo = 3 * 72f / PuntosPorPulgadaTermica;

    private const float AnchoBarrasRollo = 56f;

    private static byte[] GenerarRollo(DatosRide datos)
    {
        float alto;
        SKTypeface? normal, negrita;
        using (var conteo = new Pintor(null, null, ancho: AnchoRollo, alto: 14_400f))
        {
            alto = DibujarRollo(conteo, datos) + MargenRollo;
            conteo.Anotar(datos.MarcaDeAgua ?? "", conteo.Negrita);
            if (ReferenceEquals(conteo.Normal, conteo.Negrita))
            {
                conteo.UsadosNormal.UnionWith(conteo.UsadosNegrita);
                conteo.UsadosNegrita.UnionWith(conteo.UsadosNormal);
            }

            normal = SubconjuntoFuente.Crear(conteo.Normal, conteo.UsadosNormal);
            negrita = SubconjuntoFuente.Crear(conteo.Negrita, conteo.UsadosNegrita);
        }

        try
        {
            return Renderizar(datos, normal, negrita, documento => new Pintor(documento, null, normal, negrita, AnchoRollo, alto) { MarcaDeAgua = datos.MarcaDeAgua },
                (p, d) => DibujarRollo(p, d));
        }
        finally
        {
            normal?.Dispose();
            negrita?.Dispose();
        }
    }

    /// <summary>Draws the whole roll; returns the y below the last line (the page's length without its bottom margin).</summary>
    private static float DibujarRollo(Pintor p, DatosRide d)
    {
        var f = d.Factura;
        var e = f.Emisor;
        const float x = MargenRollo;
        const float ancho = AnchoRollo - 2 * MargenRollo;
        const float centro = AnchoRollo / 2;
        const float derecha = AnchoRollo - MargenRollo;
        var y = MargenRollo;
        if (d.Logo is { Length: > 0 } logo)
        {
            y = p.Imagen(logo, x + (ancho - 120) / 2, y, 120, 48) + 4;
        }

        foreach (var linea in p.Envolver(e.RazonSocial, p.Negrita, ancho, 9f))
        {
            p.Centro(linea, centro, y, p.Negrita, 9f);
            y += 11;
        }

        if (!string.IsNullOrWhiteSpace(e.NombreComercial))
        {
            y = p.Parrafo(e.NombreComercial, x, y, ancho, p.Negrita, 10);
        }

        y = p.Texto($"R.U.C.: {e.Ruc}", x, y, p.Negrita, 10);
        y = p.Parrafo($"Dirección Matriz: {e.DireccionMatriz}", x, y, ancho, p.Normal, 9);
        if (!string.IsNullOrWhiteSpace(e.DireccionEstablecimiento))
        {
            y = p.Parrafo($"Dirección Sucursal: {e.DireccionEstablecimiento}", x, y, ancho, p.Normal, 9);
        }

        if (!string.IsNullOrWhiteSpace(e.ContribuyenteEspecial))
        {
            y = p.Texto($"Contribuyente Especial Nro: {e.ContribuyenteEspecial}", x, y, p.Normal, 9);
        }

        y = p.Texto($"OBLIGADO A LLEVAR CONTABILIDAD: {(e.ObligadoContabilidad ? "SI" : "NO")}", x, y, p.Normal, 9);
        if (e.ContribuyenteRimpe)
        {
            y = p.Parrafo(Emisor.LeyendaRimpe, x, y, ancho, p.Negrita, 9);
        }

        if (!string.IsNullOrWhiteSpace(e.AgenteRetencion))
        {
            y = p.Parrafo($"Agente de Retención Resolución No. {e.AgenteRetencion}", x, y, ancho, p.Normal, 9);
        }

        y = Separador(p, y);
        y = p.Texto($"{(d.NotaCredito is null ? "FACTURA" : "NOTA DE CRÉDITO")} No. {f.NumeroComprobante}", x, y, p.Negrita, 11);
        y = p.Texto("NÚMERO DE AUTORIZACIÓN", x, y + 2, p.Negrita, 9);
        if (d.NumeroAutorizacion is { } numero)
        {
            foreach (var l in p.Envolver(numero, p.Normal, ancho, 7f))
            {
                y = p.Texto(l, x, y, p.Normal, 9, tamano: 7f);
            }
        }
        else
        {
            y = p.SinAutorizacion(x, y, ancho);
        }

        if (d.FechaAutorizacion is { } fa)
        {
            y = p.Texto($"FECHA AUTORIZACIÓN: {fa.ToOffset(TimeSpan.FromHours(-5)).ToString("dd/MM/yyyy HH:mm:ss", Inv)}", x, y, p.Normal, 9, tamano: 7f);
        }

        y = p.Texto($"AMBIENTE: {(f.Ambiente == Ambiente.Produccion ? "PRODUCCIÓN" : "PRUEBAS")}   EMISIÓN: NORMAL", x, y, p.Normal, 9, tamano: 7f);
        y = Separador(p, y);

        var c = f.Comprador;
        y = p.Parrafo($"Cliente: {c.RazonSocial}", x, y, ancho, p.Normal, 9);
        y = p.Texto($"Identificación: {c.Identificacion}", x, y, p.Normal, 9);
        y = p.Texto($"Fecha Emisión: {f.FechaEmision.ToString("dd/MM/yyyy", Inv)}", x, y, p.Normal, 9);
        if (!string.IsNullOrWhiteSpace(c.Direccion))
        {
            y = p.Parrafo($"Dirección: {c.Direccion}", x, y, ancho, p.Normal, 9);
        }

        if (d.NotaCredito is { } nc)
        {
            var doc = nc.DocumentoModificado;
            y = p.Parrafo($"Comprobante que se modifica: {doc.NombreTipo} {doc.NumDocModificado}", x, y, ancho, p.Normal, 9);
            y = p.Texto($"Fecha Emisión (Comprobante a modificar): {doc.FechaEmisionDocSustento.ToString("dd/MM/yyyy", Inv)}", x, y, p.Normal, 9, tamano: 7f);
            y = p.Parrafo($"Razón de Modificación: {nc.Motivo}", x, y, ancho, p.Normal, 9);
        }

        y = Separador(p, y);
        for (var i = 0; i < f.Detalles.Count; i++)
        {
            var det = f.Detalles[i];
            var titulo = det.CodigoPrincipal is null ? det.Descripcion : $"{det.CodigoPrincipal} {det.Descripcion}";
            foreach (var l in p.Envolver(titulo, p.Normal, ancho, 7.5f))
            {
                y = p.Texto(l, x, y, p.Normal, 9, tamano: 7.5f);
            }

            foreach (var extra in det.DetallesAdicionales)
            {
                foreach (var l in p.Envolver($"{extra.Nombre}: {extra.Valor}", p.Normal, ancho - 8, 7f))
                {
                    y = p.Texto(l, x + 8, y, p.Normal, 8.5f, tamano: 7f);
                }
            }

            var descuento = det.Descuento != 0 ? $" - desc. {FacturaXmlWriter.Monto(det.Descuento)}" : "";
            p.Texto($"{FacturaXmlWriter.Cantidad(det.Cantidad)} x {FacturaXmlWriter.Cantidad(det.PrecioUnitario)}{descuento}", x + 8, y, p.Normal, 9, tamano: 7.5f);
            p.Derecha(FacturaXmlWriter.Monto(d.Totales.Lineas[i].PrecioTotalSinImpuesto), derecha, y, p.Normal, 7.5f);
            y += 10;
        }

        y = Separador(p, y);
        foreach (var (etiqueta, valor, fuerte) in LineasDeTotales(d))
        {
            var tipo = fuerte ? p.Negrita : p.Normal;
            p.Texto(etiqueta, x, y, tipo, 10, tamano: fuerte ? 9f : 7.5f);
            p.Derecha(valor, derecha, y, tipo, fuerte ? 9f : 7.5f);
            y += fuerte ? 12 : 10;
        }

        // A nota de crédito has no formas de pago: no empty heading on its roll.
        if (d.NotaCredito is null)
        {
            y = Separador(p, y);
            y = p.Texto("Forma de pago", x, y, p.Negrita, 10, tamano: 8f);
        }

        foreach (var pago in f.Pagos)
        {
            var inicio = y;
            foreach (var l in p.Envolver(NombreFormaPago(pago), p.Normal, ancho - 50, 7f))
            {
                y = p.Texto(l, x, y, p.Normal, 9, tamano: 7f);
            }

            p.Derecha(FacturaXmlWriter.Monto(pago.Total), derecha, inicio, p.Normal, 7.5f);
            if (pago.Plazo is not null)
            {
                y = p.Texto($"Plazo: {Plazo(pago)}", x + 8, y, p.Normal, 9, tamano: 7f);
            }
        }

        if (f.InfoAdicional.Count > 0)
        {
            y = Separador(p, y);
            y = p.Texto("Información Adicional", x, y, p.Negrita, 10, tamano: 8f);
            foreach (var a in f.InfoAdicional)
            {
                foreach (var l in p.Envolver($"{a.Nombre}: {a.Valor}", p.Normal, ancho, 7f))
                {
                    y = p.Texto(l, x, y, p.Normal, 9, tamano: 7f);
                }
            }
        }

        y = Separador(p, y);
        y = p.Texto("CLAVE DE ACCESO", x, y, p.Negrita, 10, tamano: 8f);
        foreach (var l in p.Envolver(d.ClaveAcceso, p.Normal, ancho, 7f))
        {
            y = p.Texto(l, x, y, p.Normal, 9, tamano: 7f);
        }

        // Bars start on the 203 dpi dot grid so each module is exactly 3 dots there.
        var inicioBarras = MathF.Ceiling((y + 2) * PuntosPorPulgadaTermica / 72f) * 72f / PuntosPorPulgadaTermica;
        y = p.CodigoBarrasVertical(d.ClaveAcceso, centro - AnchoBarrasRollo / 2, inicioBarras, AnchoBarrasRollo, ModuloRollo);
        return y;
    }

    private static float Separador(Pintor p, float y)
    {
        p.Linea(MargenRollo, y + 3, AnchoRollo - MargenRollo, y + 3);
        return y + 7;
    }
}
