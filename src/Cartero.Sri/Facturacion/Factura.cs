namespace Cartero.Sri;

/// <summary>
/// A factura (version 1.1.0) as the issuer describes it. Totals are not stored here: they are
/// computed by <see cref="FacturaCalculadora"/> exactly as the SRI checks them.
/// </summary>
/// <param name="Ambiente">Pruebas or producción.</param>
/// <param name="Emisor">The issuer.</param>
/// <param name="Establecimiento">Establecimiento, 3 digits.</param>
/// <param name="PuntoEmision">Punto de emisión, 3 digits.</param>
/// <param name="Secuencial">Secuencial, 1 to 999999999.</param>
/// <param name="FechaEmision">Fecha de emisión.</param>
/// <param name="Comprador">The buyer.</param>
/// <param name="Detalles">The lines, at least one.</param>
/// <param name="Pagos">The payments, adding up to importeTotal.</param>
public sealed record Factura(
    Ambiente Ambiente,
    Emisor Emisor,
    string Establecimiento,
    string PuntoEmision,
    long Secuencial,
    DateOnly FechaEmision,
    Comprador Comprador,
    IReadOnlyList<DetalleFactura> Detalles,
    IReadOnlyList<Pago> Pagos)
{
    /// <summary>
    /// The eight-digit código numérico that goes into the clave de acceso; see
    /// <see cref="ClaveDeAcceso.GenerarCodigoNumerico"/>. Ignored when <see cref="ClaveAcceso"/> is set.
    /// </summary>
    public string? CodigoNumerico { get; init; }

    /// <summary>
    /// An existing clave de acceso (a document read back, or a resend after DEVUELTA, which must
    /// keep its clave). When null the clave is built from the parts and <see cref="CodigoNumerico"/>.
    /// </summary>
    public string? ClaveAcceso { get; init; }

    /// <summary>Propina (service tip), 2 decimals; not taxed.</summary>
    public decimal Propina { get; init; }

    /// <summary>Moneda, "DOLAR".</summary>
    public string Moneda { get; init; } = "DOLAR";

    /// <summary>infoAdicional: up to 15 fields, e.g. <c>new("Email", "comprador@example.com")</c>.</summary>
    public IReadOnlyList<CampoAdicional> InfoAdicional { get; init; } = [];

    /// <summary>Número del comprobante as printed: estab-ptoEmi-secuencial.</summary>
    public string NumeroComprobante => $"{Establecimiento}-{PuntoEmision}-{Secuencial:000000000}";

    /// <summary>
    /// The clave de acceso of this factura: <see cref="ClaveAcceso"/> when given, otherwise built
    /// from the parts.
    /// </summary>
    /// <exception cref="ArgumentException">A part is missing or malformed.</exception>
    /// <exception cref="ClaveDeAccesoInvalidaException">The given clave is not valid.</exception>
    public ClaveDeAcceso ObtenerClaveDeAcceso() =>
        ClaveAcceso is not null
            ? ClaveDeAcceso.Parse(ClaveAcceso)
            : ClaveDeAcceso.Crear(FechaEmision, TipoComprobante.Factura, Emisor.Ruc, Ambiente, Establecimiento, PuntoEmision,
                Secuencial, CodigoNumerico ?? throw new ArgumentException("Falta el código numérico de la clave de acceso.", nameof(CodigoNumerico)));
}
