namespace Cartero.Sri;

/// <summary>A tax applied to a line: impuesto code, codigoPorcentaje and the tarifa in percent.</summary>
/// <param name="Codigo">2 IVA, 3 ICE, 5 IRBPNR (only IVA is accepted by the calculator).</param>
/// <param name="CodigoPorcentaje">Rate code (Ficha técnica, tabla 17).</param>
/// <param name="Tarifa">Rate in percent, e.g. 15.</param>
public sealed record TarifaImpuesto(int Codigo, string CodigoPorcentaje, decimal Tarifa)
{
    /// <summary>Impuesto code of IVA.</summary>
    public const int CodigoIva = 2;

    /// <summary>IVA 15 %, the general rate since April 2024 (codigoPorcentaje 4).</summary>
    public static TarifaImpuesto Iva15 { get; } = new(CodigoIva, "4", 15m);

    /// <summary>IVA 0 % (codigoPorcentaje 0).</summary>
    public static TarifaImpuesto Iva0 { get; } = new(CodigoIva, "0", 0m);

    /// <summary>IVA 5 % (codigoPorcentaje 5).</summary>
    public static TarifaImpuesto Iva5 { get; } = new(CodigoIva, "5", 5m);

    /// <summary>No objeto de impuesto (codigoPorcentaje 6).</summary>
    public static TarifaImpuesto IvaNoObjeto { get; } = new(CodigoIva, "6", 0m);

    /// <summary>Exento de IVA (codigoPorcentaje 7).</summary>
    public static TarifaImpuesto IvaExento { get; } = new(CodigoIva, "7", 0m);

    /// <summary>
    /// The tarifa the SRI expects for an IVA codigoPorcentaje, or null when the code is unknown
    /// or its rate is not fixed (8, IVA diferenciado).
    /// </summary>
    public static decimal? TarifaIvaEsperada(string codigoPorcentaje) => codigoPorcentaje switch
    {
        "0" => 0m,
        "2" => 12m,
        "3" => 14m,
        "4" => 15m,
        "5" => 5m,
        "6" => 0m,
        "7" => 0m,
        "10" => 13m,
        _ => null,
    };
}
