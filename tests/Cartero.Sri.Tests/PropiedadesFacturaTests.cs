namespace Cartero.Sri.Tests;

public sealed class PropiedadesFacturaTests
{
    private static readonly TarifaImpuesto[] Tarifas = [TarifaImpuesto.Iva15, TarifaImpuesto.Iva0, TarifaImpuesto.Iva5, TarifaImpuesto.IvaNoObjeto, TarifaImpuesto.IvaExento];

    [Fact]
    public void Facturas_aleatorias_cumplen_esquema_y_cuadran_como_las_revisa_el_sri()
    {
        var random = new Random(1234);
        for (var n = 0; n < 150; n++)
        {
            var detalles = Enumerable.Range(0, random.Next(1, 8)).Select(i =>
            {
                var cantidad = Math.Round((decimal)random.NextDouble() * 20, random.Next(0, 7)) is var c && c > 0 ? c : 1m;
                var precio = Math.Round((decimal)random.NextDouble() * 200, random.Next(0, 7));
                var bruto = FacturaCalculadora.Redondear(cantidad * precio);
                var descuento = random.Next(3) == 0 ? Math.Round(bruto * (decimal)random.NextDouble(), 2, MidpointRounding.ToZero) : 0m;
                return new DetalleFactura($"Ítem {i} ñ", cantidad, precio, [Tarifas[random.Next(Tarifas.Length)]]) { Descuento = descuento };
            }).ToArray();
            var comprador = random.Next(2) == 0 ? FacturasDePrueba.CompradorCedula : FacturasDePrueba.CompradorRuc;
            var f = FacturasDePrueba.Basica(comprador, detalles) with { Propina = random.Next(4) == 0 ? Math.Round((decimal)random.NextDouble() * 5, 2) : 0m };
            var formas = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Enum.GetValues<FormaPago>()[random.Next(8)]).ToArray();
            f = FacturasDePrueba.ConPagosCuadrados(f, formas);

            var g = FacturaXmlWriter.Generar(f);
            var t = g.Totales;

            var esquema = RutasPrueba.Validador.ValidarFactura(g.Xml);
            Assert.True(esquema.EsValido, string.Join("; ", esquema.Errores));
            for (var i = 0; i < detalles.Length; i++)
            {
                var linea = t.Lineas[i];
                Assert.Equal(FacturaCalculadora.Redondear(detalles[i].Cantidad * detalles[i].PrecioUnitario - detalles[i].Descuento), linea.PrecioTotalSinImpuesto);
                var imp = Assert.Single(linea.Impuestos);
                Assert.Equal(linea.PrecioTotalSinImpuesto, imp.BaseImponible);
                Assert.Equal(FacturaCalculadora.Redondear(imp.BaseImponible * imp.Tarifa / 100), imp.Valor);
            }

            foreach (var grupo in t.TotalConImpuestos)
            {
                var lineas = t.Lineas.SelectMany(l => l.Impuestos).Where(x => x.CodigoPorcentaje == grupo.CodigoPorcentaje).ToList();
                Assert.Equal(lineas.Sum(x => x.BaseImponible), grupo.BaseImponible);
                // Group and line roundings may differ by at most one cent per line.
                Assert.InRange(Math.Abs(lineas.Sum(x => x.Valor) - grupo.Valor), 0m, 0.01m * lineas.Count);
            }

            Assert.Equal(t.TotalSinImpuestos, t.TotalConImpuestos.Sum(x => x.BaseImponible));
            Assert.Equal(t.TotalSinImpuestos + t.TotalConImpuestos.Sum(x => x.Valor) + f.Propina, t.ImporteTotal);
            Assert.Equal(t.ImporteTotal, f.Pagos.Sum(p => p.Total));

            var leida = FacturaXmlReader.Leer(g.Xml);
            Assert.Empty(leida.Problemas);
            Assert.Empty(FacturaValidador.Validar(leida.Factura));
            Assert.Empty(FacturaValidador.CompararTotales(leida.TotalesDeclarados, FacturaCalculadora.Calcular(leida.Factura)));
        }
    }
}
