namespace Cartero.Sri.Tests;

internal static class NotasCreditoDePrueba
{
    /// <summary>A factura of three lines at three rates, the one the notas de crédito below modify.</summary>
    public static Factura Factura { get; } = FacturasDePrueba.ConPagosCuadrados(FacturasDePrueba.Basica(FacturasDePrueba.CompradorRuc,
        new DetalleFactura("Armazón de titanio", 1m, 89.99m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "ARM-01" },
        new DetalleFactura("Lunas antirreflejo", 2m, 35.555m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "LUN-02", Descuento = 1.11m },
        new DetalleFactura("Examen visual", 1m, 20m, [TarifaImpuesto.Iva0]) { CodigoPrincipal = "EXA" }), FormaPago.TarjetaCredito);

    /// <summary>A nota de crédito of <paramref name="detalles"/> (the whole factura when none) dated two days after it.</summary>
    public static NotaCredito Para(Factura factura, params DetalleFactura[] detalles) =>
        new(factura.Ambiente, factura.Emisor, factura.Establecimiento, factura.PuntoEmision, 7, factura.FechaEmision.AddDays(2), factura.Comprador,
            DocumentoModificado.DeFactura(factura), "Devolución de mercadería: «lunas» con defecto de fábrica",
            detalles.Length > 0 ? detalles : factura.Detalles)
        {
            CodigoNumerico = "87654321",
            InfoAdicional = [new CampoAdicional("Email", "compras@ejemplo.ec")],
        };

    /// <summary>The second line only, one of its two units, without the discount.</summary>
    public static NotaCredito Parcial() => Para(Factura, Factura.Detalles[1] with { Cantidad = 1m, Descuento = 0m });
}
