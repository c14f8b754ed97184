namespace Cartero.Sri;

/// <summary>
/// Computes the totals the way the SRI checks them (error 52 "error en diferencias"): each line
/// is rounded to 2 decimals, each tax group is computed over the sum of its rounded line bases
/// and rounded again, always half away from zero.
/// </summary>
public static class FacturaCalculadora
{
    /// <summary>Rounds half away from zero to 2 decimals, as the SRI does.</summary>
    public static decimal Redondear(decimal valor) => Math.Round(valor, 2, MidpointRounding.AwayFromZero);

    /// <summary>Computes every line, tax group and total of a factura.</summary>
    public static TotalesFactura Calcular(Factura factura)
    {
        ArgumentNullException.ThrowIfNull(factura);
        var lineas = new List<LineaCalculada>(factura.Detalles.Count);
        foreach (var detalle in factura.Detalles)
        {
            var precioTotal = Redondear(detalle.Cantidad * detalle.PrecioUnitario - detalle.Descuento);
            var impuestos = detalle.Impuestos
                .Select(i => new ImpuestoCalculado(i.Codigo, i.CodigoPorcentaje, i.Tarifa, precioTotal, Redondear(precioTotal * i.Tarifa / 100m)))
                .ToList();
            lineas.Add(new LineaCalculada(precioTotal, impuestos));
        }

        var grupos = lineas.SelectMany(l => l.Impuestos)
            .GroupBy(i => (i.Codigo, i.CodigoPorcentaje, i.Tarifa))
            .OrderBy(g => g.Key.Codigo).ThenBy(g => g.Key.CodigoPorcentaje.Length).ThenBy(g => g.Key.CodigoPorcentaje, StringComparer.Ordinal)
            .Select(g =>
            {
                var baseImponible = g.Sum(i => i.BaseImponible);
                return new ImpuestoCalculado(g.Key.Codigo, g.Key.CodigoPorcentaje, g.Key.Tarifa, baseImponible,
                    Redondear(baseImponible * g.Key.Tarifa / 100m));
            })
            .ToList();

        var totalSinImpuestos = lineas.Sum(l => l.PrecioTotalSinImpuesto);
        var totalDescuento = Redondear(factura.Detalles.Sum(d => d.Descuento));
        var importeTotal = totalSinImpuestos + grupos.Sum(g => g.Valor) + factura.Propina;
        return new TotalesFactura(lineas, totalSinImpuestos, totalDescuento, grupos, factura.Propina, importeTotal);
    }
}
