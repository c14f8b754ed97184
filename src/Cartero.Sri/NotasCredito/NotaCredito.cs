namespace Cartero.Sri;

/// <summary>
/// A nota de crédito (codDoc 04, version 1.1.0) as the issuer describes it: the lines returned or
/// discounted from a comprobante already authorised, with the reason. Totals are computed by
/// <see cref="NotaCreditoCalculadora"/> with the same rules as a factura's.
/// </summary>
/// <param name="Ambiente">Pruebas or producción.</param>
/// <param name="Emisor">The issuer (the same as the modified factura's).</param>
/// <param name="Establecimiento">Establecimiento, 3 digits.</param>
/// <param name="PuntoEmision">Punto de emisión, 3 digits.</param>
/// <param name="Secuencial">Secuencial of the nota de crédito (its own series), 1 to 999999999.</param>
/// <param name="FechaEmision">Fecha de emisión of the nota de crédito.</param>
/// <param name="Comprador">The buyer of the modified factura.</param>
/// <param name="DocumentoModificado">The comprobante it modifies.</param>
/// <param name="Motivo">Razón de la modificación, up to 300 characters, one line.</param>
/// <param name="Detalles">The lines credited, at least one (same shape as a factura's).</param>
public sealed record NotaCredito(
    Ambiente Ambiente,
    Emisor Emisor,
    string Establecimiento,
    string PuntoEmision,
    long Secuencial,
    DateOnly FechaEmision,
    Comprador Comprador,
    DocumentoModificado DocumentoModificado,
    string Motivo,
    IReadOnlyList<DetalleFactura> Detalles)
{
    /// <summary>The eight-digit código numérico of the clave; ignored when <see cref="ClaveAcceso"/> is set.</summary>
    public string? CodigoNumerico { get; init; }

    /// <summary>An existing clave de acceso (a document read back, or a resend that must keep it).</summary>
    public string? ClaveAcceso { get; init; }

    /// <summary>Moneda, "DOLAR".</summary>
    public string Moneda { get; init; } = "DOLAR";

    /// <summary>infoAdicional: up to 15 fields, e.g. the buyer's email.</summary>
    public IReadOnlyList<CampoAdicional> InfoAdicional { get; init; } = [];

    /// <summary>Número as printed: estab-ptoEmi-secuencial.</summary>
    public string NumeroComprobante => $"{Establecimiento}-{PuntoEmision}-{Secuencial:000000000}";

    /// <summary>The clave de acceso (codDoc 04): <see cref="ClaveAcceso"/> when given, otherwise built from the parts.</summary>
    /// <exception cref="ArgumentException">A part is missing or malformed.</exception>
    /// <exception cref="ClaveDeAccesoInvalidaException">The given clave is not valid.</exception>
    public ClaveDeAcceso ObtenerClaveDeAcceso() =>
        ClaveAcceso is not null
            ? ClaveDeAcceso.Parse(ClaveAcceso)
            : ClaveDeAcceso.Crear(FechaEmision, TipoComprobante.NotaCredito, Emisor.Ruc, Ambiente, Establecimiento, PuntoEmision,
                Secuencial, CodigoNumerico ?? throw new ArgumentException("Falta el código numérico de la clave de acceso.", nameof(CodigoNumerico)));

    /// <summary>
    /// The same parts as a factura without payments: the line, tax and buyer rules are the factura's,
    /// so the calculator, the validator and the RIDE reuse them instead of keeping a second copy.
    /// </summary>
    internal Factura ComoFactura() =>
        new(Ambiente, Emisor, Establecimiento, PuntoEmision, Secuencial, FechaEmision, Comprador, Detalles, [])
        {
            CodigoNumerico = ClaveAcceso is null ? CodigoNumerico : "00000000",
            Moneda = Moneda,
            InfoAdicional = InfoAdicional,
        };
}
