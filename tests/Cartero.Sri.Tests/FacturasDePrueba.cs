namespace Cartero.Sri.Tests;

internal static class FacturasDePrueba
{
    public static Emisor Emisor { get; } = new("1792146739001", "Distribuidora Ñandú & Hijos Cía. Ltda.", "Av. Amazonas N34-12 y Atahualpa, Quito")
    {
        NombreComercial = "Papelería Ñandú",
        DireccionEstablecimiento = "Calle García Moreno 123, Quito",
        ObligadoContabilidad = true,
        ContribuyenteEspecial = "12345",
        AgenteRetencion = "1",
    };

    public static Comprador CompradorRuc { get; } = new(TipoIdentificacion.Ruc, "1790012344001", "Óptica Los Andes S.A.") { Direccion = "Av. 6 de Diciembre, Quito" };

    public static Comprador CompradorCedula { get; } = new(TipoIdentificacion.Cedula, "1712345675", "José Núñez Peña");

    public static Factura Basica(Comprador? comprador = null, params DetalleFactura[] detalles)
    {
        detalles = detalles.Length > 0 ? detalles : [new DetalleFactura("Cuaderno universitario", 2m, 10m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "CU-01" }];
        var borrador = new Factura(Ambiente.Pruebas, Emisor, "001", "002", 123, new DateOnly(2025, 8, 18), comprador ?? CompradorRuc, detalles, [])
        {
            CodigoNumerico = "12345678",
            InfoAdicional = [new CampoAdicional("Email", "compras@ejemplo.ec")],
        };
        var total = FacturaCalculadora.Calcular(borrador).ImporteTotal;
        return borrador with { Pagos = [new Pago(FormaPago.OtrosConUtilizacionSistemaFinanciero, total)] };
    }

    public static Factura ConPagosCuadrados(Factura f, params FormaPago[] formas)
    {
        var total = FacturaCalculadora.Calcular(f).ImporteTotal;
        if (formas.Length <= 1)
        {
            return f with { Pagos = [new Pago(formas.Length == 1 ? formas[0] : FormaPago.SinUtilizacionSistemaFinanciero, total)] };
        }

        var parte = FacturaCalculadora.Redondear(total / formas.Length);
        var pagos = formas.Take(formas.Length - 1).Select(x => new Pago(x, parte)).ToList();
        pagos.Add(new Pago(formas[^1], total - parte * (formas.Length - 1)) { Plazo = 30, UnidadTiempo = "dias" });
        return f with { Pagos = pagos };
    }

    /// <summary>A spread of facturas exercising every rate, discounts, several payments and buyer kinds.</summary>
    public static IEnumerable<(string Nombre, Factura Factura)> Variadas()
    {
        yield return ("iva15", Basica());
        yield return ("cedula-varias-tarifas", ConPagosCuadrados(Basica(CompradorCedula,
            new DetalleFactura("Arroz 1 kg", 3m, 1.115m, [TarifaImpuesto.Iva0]),
            new DetalleFactura("Servicio técnico", 1m, 45.5m, [TarifaImpuesto.Iva15]) { Descuento = 5.5m },
            new DetalleFactura("Material de construcción", 2.5m, 12.333333m, [TarifaImpuesto.Iva5]),
            new DetalleFactura("Cuota de asociación", 1m, 20m, [TarifaImpuesto.IvaNoObjeto]),
            new DetalleFactura("Medicina genérica", 4m, 2.35m, [TarifaImpuesto.IvaExento])), FormaPago.TarjetaCredito, FormaPago.SinUtilizacionSistemaFinanciero));
        yield return ("consumidor-final", ConPagosCuadrados(Basica(Comprador.ConsumidorFinal,
            new DetalleFactura("Café pasado", 2m, 1.75m, [TarifaImpuesto.Iva15]),
            new DetalleFactura("Empanada de morocho", 3m, 0.85m, [TarifaImpuesto.Iva15]) { Descuento = 0.05m }), FormaPago.SinUtilizacionSistemaFinanciero));
        yield return ("descuentos-y-propina", ConPagosCuadrados(Basica(CompradorRuc,
            new DetalleFactura("Almuerzo ejecutivo", 12m, 4.99m, [TarifaImpuesto.Iva15]) { Descuento = 3.99m, DetallesAdicionales = [new("Mesa", "12"), new("Mesero", "Iñaki")] }) with
            { Propina = 5.99m, Emisor = Emisor with { ContribuyenteRimpe = true, ContribuyenteEspecial = null, AgenteRetencion = null } }, FormaPago.TarjetaDebito, FormaPago.DineroElectronico, FormaPago.TarjetaPrepago));
        yield return ("pasaporte-muchas-lineas", ConPagosCuadrados(Basica(new Comprador(TipoIdentificacion.Pasaporte, "AB123456", "John O'Neil <Ltd>"),
            Enumerable.Range(1, 40).Select(i => new DetalleFactura($"Artículo {i} \"especial\"", i, 0.333333m * i, [i % 2 == 0 ? TarifaImpuesto.Iva15 : TarifaImpuesto.Iva0]) { Descuento = i % 3 == 0 ? 0.01m : 0m }).ToArray()),
            FormaPago.CompensacionDeudas, FormaPago.EndosoTitulos));
    }
}
