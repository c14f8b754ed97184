namespace Cartero.Sri;

/// <summary>Every amount of a factura, computed or as declared in an XML.</summary>
public sealed record TotalesFactura(
    IReadOnlyList<LineaCalculada> Lineas,
    decimal TotalSinImpuestos,
    decimal TotalDescuento,
    IReadOnlyList<ImpuestoCalculado> TotalConImpuestos,
    decimal Propina,
    decimal ImporteTotal)
{
    /// <summary>Base imponible of one tax group, or null when the factura has none.</summary>
    public decimal? BaseDe(int codigo, string codigoPorcentaje) =>
        TotalConImpuestos.Any(t => t.Codigo == codigo && t.CodigoPorcentaje == codigoPorcentaje)
            ? TotalConImpuestos.Where(t => t.Codigo == codigo && t.CodigoPorcentaje == codigoPorcentaje).Sum(t => t.BaseImponible)
            : null;

    /// <summary>Tax value of one tax group, or null when the factura has none.</summary>
    public decimal? ValorDe(int codigo, string codigoPorcentaje) =>
        TotalConImpuestos.Any(t => t.Codigo == codigo && t.CodigoPorcentaje == codigoPorcentaje)
            ? TotalConImpuestos.Where(t => t.Codigo == codigo && t.CodigoPorcentaje == codigoPorcentaje).Sum(t => t.Valor)
            : null;
}
