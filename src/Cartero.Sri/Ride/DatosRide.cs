namespace Cartero.Sri;

/// <summary>Everything the RIDE prints: the factura, its amounts as issued, and the autorización data.</summary>
/// <param name="Factura">The factura (issuer, buyer, lines, payments, infoAdicional).</param>
/// <param name="Totales">The amounts as written in the comprobante.</param>
/// <param name="ClaveAcceso">The 49-digit clave de acceso.</param>
/// <param name="NumeroAutorizacion">Número de autorización; null when the document is not authorised, and the RIDE then prints "SIN AUTORIZACIÓN" instead.</param>
/// <param name="FechaAutorizacion">Fecha y hora de autorización, optional on the RIDE.</param>
public sealed record DatosRide(Factura Factura, TotalesFactura Totales, string ClaveAcceso, string? NumeroAutorizacion, DateTimeOffset? FechaAutorizacion)
{
    /// <summary>Issuer logo (PNG or JPEG), drawn at the top of the issuer box; optional.</summary>
    public byte[]? Logo { get; init; }

    /// <summary>A large mark drawn across every page over everything else (e.g. "ANULADA"); optional.</summary>
    public string? MarcaDeAgua { get; init; }

    /// <summary>The paper layout; A4 unless the punto de emisión prints on an 80 mm roll.</summary>
    public FormatoRide Formato { get; init; } = FormatoRide.A4;

    /// <summary>Set for a nota de crédito: the RIDE is titled NOTA DE CRÉDITO and shows the documento modificado and the motivo.</summary>
    public DatosNotaCreditoRide? NotaCredito { get; init; }

    /// <summary>From a nota de crédito just generated and, when available, its autorización.</summary>
    public static DatosRide DesdeNotaCredito(NotaCredito notaCredito, NotaCreditoGenerada generada, RespuestaAutorizacion? autorizacion = null)
    {
        ArgumentNullException.ThrowIfNull(notaCredito);
        ArgumentNullException.ThrowIfNull(generada);
        return new DatosRide(notaCredito.ComoFactura(), generada.Totales, generada.ClaveDeAcceso.Valor, autorizacion?.NumeroAutorizacion, autorizacion?.FechaAutorizacion)
        {
            NotaCredito = new DatosNotaCreditoRide(notaCredito.DocumentoModificado, notaCredito.Motivo),
        };
    }

    /// <summary>From a factura just generated and, when available, its autorización.</summary>
    public static DatosRide Desde(Factura factura, FacturaGenerada generada, RespuestaAutorizacion? autorizacion = null)
    {
        ArgumentNullException.ThrowIfNull(factura);
        ArgumentNullException.ThrowIfNull(generada);
        return new DatosRide(factura, generada.Totales, generada.ClaveDeAcceso.Valor, autorizacion?.NumeroAutorizacion, autorizacion?.FechaAutorizacion);
    }

    /// <summary>From a signed factura file or an SRI autorización envelope.</summary>
    /// <exception cref="FormatException">The file is not a factura, or essential parts cannot be read.</exception>
    /// <exception cref="System.Xml.XmlException">Not well-formed XML.</exception>
    public static DatosRide DesdeArchivo(byte[] xml)
    {
        var archivo = ArchivoComprobante.Leer(xml);
        if (DesdeNotaCredito(archivo) is { } notaCredito)
        {
            return notaCredito;
        }

        var leida = FacturaXmlReader.Leer(archivo.Comprobante);
        if (leida.Problemas.Count > 0)
        {
            throw new FormatException("No se puede generar el RIDE: " + string.Join("; ", leida.Problemas));
        }

        return new DatosRide(leida.Factura, leida.TotalesDeclarados, leida.Factura.ClaveAcceso!, archivo.NumeroAutorizacion, archivo.FechaAutorizacion);
    }

    private static DatosRide? DesdeNotaCredito(ArchivoComprobante archivo)
    {
        var documento = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(archivo.Comprobante));
        if (documento.Root?.Name.LocalName != "notaCredito")
        {
            return null;
        }

        var leida = NotaCreditoXmlReader.Leer(documento);
        if (leida.Problemas.Count > 0)
        {
            throw new FormatException("No se puede generar el RIDE: " + string.Join("; ", leida.Problemas));
        }

        var nc = leida.NotaCredito;
        return new DatosRide(nc.ComoFactura(), leida.TotalesDeclarados, nc.ClaveAcceso!, archivo.NumeroAutorizacion, archivo.FechaAutorizacion)
        {
            NotaCredito = new DatosNotaCreditoRide(nc.DocumentoModificado, nc.Motivo),
        };
    }
}
