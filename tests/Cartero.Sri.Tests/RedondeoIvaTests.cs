namespace Cartero.Sri.Tests;

/// <summary>
/// The IVA of totalConImpuestos against the sum of the lines' IVA (README, "IVA de totalConImpuestos"): each line's
/// valor is its own base × tarifa rounded; the group's valor is the group's base × tarifa rounded once; the two may
/// differ by a cent or more, and importeTotal follows the group's valor.
/// </summary>
public sealed class RedondeoIvaTests
{
    private static DetalleFactura Linea(decimal precio) => new("Estuche para lentes", 1m, precio, [TarifaImpuesto.Iva15]);

    [Fact]
    public void Three_lines_whose_rounded_iva_adds_one_cent_more_than_the_group()
    {
        // 3 × 0.10 at 15 %: each line 0.015 → 0.02 (0.06 together); the group 0.30 × 15 % = 0.045 → 0.05.
        var totales = FacturaCalculadora.Calcular(FacturasDePrueba.Basica(null, Linea(0.10m), Linea(0.10m), Linea(0.10m)));

        Assert.All(totales.Lineas, l => Assert.Equal(0.02m, l.Impuestos.Single().Valor));
        var grupo = totales.TotalConImpuestos.Single();
        Assert.Equal(0.30m, grupo.BaseImponible);
        Assert.Equal(0.05m, grupo.Valor);
        Assert.Equal(0.35m, totales.ImporteTotal);
    }

    [Fact]
    public void Seven_lines_differ_by_three_cents_and_the_group_rule_still_holds()
    {
        var totales = FacturaCalculadora.Calcular(FacturasDePrueba.Basica(null, [.. Enumerable.Repeat(Linea(0.10m), 7)]));

        Assert.Equal(0.14m, totales.Lineas.Sum(l => l.Impuestos.Single().Valor));
        Assert.Equal(0.11m, totales.TotalConImpuestos.Single().Valor); // 0.70 × 15 % = 0.105 → 0.11, half away from zero
        Assert.Equal(0.81m, totales.ImporteTotal);
    }

    [Fact]
    public void Lines_rounding_down_give_a_group_one_cent_above_their_sum()
    {
        // 3 × 0.23: each 0.0345 → 0.03 (0.09); the group 0.69 × 15 % = 0.1035 → 0.10: one cent above the lines.
        var totales = FacturaCalculadora.Calcular(FacturasDePrueba.Basica(null, Linea(0.23m), Linea(0.23m), Linea(0.23m)));

        Assert.Equal(0.09m, totales.Lineas.Sum(l => l.Impuestos.Single().Valor));
        Assert.Equal(0.10m, totales.TotalConImpuestos.Single().Valor);
    }

    [Fact]
    public void A_document_declaring_either_the_group_or_the_sum_of_lines_is_accepted_and_nothing_else()
    {
        var factura = FacturasDePrueba.Basica(null, Linea(0.10m), Linea(0.10m), Linea(0.10m));
        var calculados = FacturaCalculadora.Calcular(factura);
        TotalesFactura Declarando(decimal valor) => calculados with
        {
            TotalConImpuestos = [calculados.TotalConImpuestos[0] with { Valor = valor }],
            ImporteTotal = calculados.TotalSinImpuestos + valor,
        };

        Assert.Empty(FacturaValidador.CompararTotales(Declarando(0.05m), calculados));
        Assert.Empty(FacturaValidador.CompararTotales(Declarando(0.06m), calculados));
        Assert.Contains(FacturaValidador.CompararTotales(Declarando(0.07m), calculados), p => p.Campo.EndsWith("/valor", StringComparison.Ordinal));
        // importeTotal must be the declared parts' sum exactly.
        Assert.Contains(FacturaValidador.CompararTotales(Declarando(0.05m) with { ImporteTotal = 0.36m }, calculados), p => p.Campo == "infoFactura/importeTotal");
    }

    [Fact]
    public void The_xml_written_carries_the_group_valor_and_the_line_valores()
    {
        var generada = FacturaXmlWriter.Generar(FacturasDePrueba.Basica(null, Linea(0.10m), Linea(0.10m), Linea(0.10m)));
        var xml = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(generada.Xml));

        Assert.Equal("0.05", xml.Descendants("totalImpuesto").Single().Element("valor")!.Value);
        Assert.All(xml.Descendants("detalle"), d => Assert.Equal("0.02", d.Descendants("impuesto").Single().Element("valor")!.Value));
        Assert.Equal("0.35", xml.Descendants("importeTotal").Single().Value);
    }
}
