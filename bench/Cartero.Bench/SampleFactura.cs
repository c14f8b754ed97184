using Cartero.Sri;

namespace Cartero.Bench;

/// <summary>
/// An optician's factura as issued at the counter: lenses, frames, contact lenses and services spread over
/// IVA 15 %, 0 % and 5 %, some lines discounted, a RUC buyer whose email goes in infoAdicional.
/// </summary>
internal static class SampleFactura
{
    private static readonly Emisor Issuer = new("1792146739001", "Óptica Visión Clara Cía. Ltda.", "Av. Amazonas N34-12 y Atahualpa, Quito")
    {
        NombreComercial = "Óptica Visión Clara",
        DireccionEstablecimiento = "Centro Comercial El Jardín, local 214, Quito",
        ObligadoContabilidad = true,
        ContribuyenteEspecial = "12345",
    };

    private static readonly Comprador Buyer = new(TipoIdentificacion.Ruc, "1790012344001", "Clínica Oftalmológica Núñez & Peña S.A.")
    {
        Direccion = "Av. 6 de Diciembre N25-60 y Colón, Quito",
    };

    private static readonly DetalleFactura[] Catalogue =
    [
        new("Lunas monofocales CR-39 con antirreflejo (par)", 1m, 38.50m, [TarifaImpuesto.Iva0]) { CodigoPrincipal = "LUN-MF-CR39" },
        new("Lunas progresivas de alto índice 1,67 con filtro de luz azul", 1m, 189.90m, [TarifaImpuesto.Iva0])
        {
            CodigoPrincipal = "LUN-PRG-167",
            Descuento = 19.00m,
            DetallesAdicionales = [new("Graduación OD", "-1,25 esf. -0,50 cil. 180°"), new("Graduación OI", "-1,50 esf. -0,75 cil. 175°"), new("Adición", "+2,00")],
        },
        new("Lunas bifocales fotocromáticas (par)", 1m, 74.25m, [TarifaImpuesto.Iva0]) { CodigoPrincipal = "LUN-BIF-FOTO" },
        new("Armazón de acero inoxidable, color plateado, talla 52", 1m, 45.00m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "ARM-ACE-01", Descuento = 4.50m },
        new("Armazón de acetato para niño, diseño de ñandú", 1m, 32.80m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "ARM-ACT-07" },
        new("Armazón de titanio al aire, ultraligero", 1m, 129.00m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "ARM-TIT-03", Descuento = 12.90m },
        new("Lentes de contacto mensuales, caja de 6 unidades", 2m, 28.60m, [TarifaImpuesto.Iva5]) { CodigoPrincipal = "LC-MEN-6" },
        new("Lentes de contacto diarios de hidrogel de silicona, caja de 90", 1m, 61.75m, [TarifaImpuesto.Iva5]) { CodigoPrincipal = "LC-DIA-90", Descuento = 3.00m },
        new("Lentes de contacto tóricos para astigmatismo (par)", 1m, 55.40m, [TarifaImpuesto.Iva5])
        {
            CodigoPrincipal = "LC-TOR",
            DetallesAdicionales = [new("Eje", "OD 170° / OI 10°")],
        },
        new("Solución multipropósito para lentes de contacto, 360 ml", 3m, 9.85m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "SOL-MUL-360" },
        new("Gotas lubricantes oftálmicas sin conservantes, 10 ml", 2m, 7.40m, [TarifaImpuesto.Iva0]) { CodigoPrincipal = "GOT-LUB-10" },
        new("Estuche rígido para gafas con cierre magnético", 2m, 6.50m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "EST-RIG", Descuento = 0.65m },
        new("Paño de microfibra para limpieza de lentes", 5m, 1.20m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "PANO-MICRO" },
        new("Spray limpiador antiempañante, 60 ml", 2m, 4.95m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "SPR-LIM-60" },
        new("Gafas de sol polarizadas con protección UV400", 1m, 89.99m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "GAF-SOL-POL", Descuento = 9.00m },
        new("Cordón de silicona para sujetar gafas", 3m, 2.75m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "CORD-SIL" },
        new("Examen optométrico computarizado y refracción", 1m, 25.00m, [TarifaImpuesto.Iva0]) { CodigoPrincipal = "SRV-EXA-VIS" },
        new("Ajuste y alineación de armazón en taller", 1m, 5.00m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "SRV-AJU-ARM" },
        new("Tallado y montaje de lunas en armazón", 1m, 15.00m, [TarifaImpuesto.Iva15]) { CodigoPrincipal = "SRV-TAL-LUN", Descuento = 1.50m },
        new("Lupa de lectura con iluminación LED, aumento 3×", 1m, 18.30m, [TarifaImpuesto.Iva5]) { CodigoPrincipal = "LUP-LED-3X" },
    ];

    /// <summary>A factura of <paramref name="lines"/> lines (the catalogue repeated) with its own secuencial.</summary>
    public static Factura Create(long secuencial, int lines)
    {
        var details = Enumerable.Range(0, lines).Select(i => Catalogue[i % Catalogue.Length]).ToArray();
        var draft = new Factura(Ambiente.Pruebas, Issuer, "001", "003", secuencial, DateOnly.FromDateTime(DateTime.Today), Buyer, details, [])
        {
            CodigoNumerico = ((secuencial * 7_919) % 100_000_000).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture),
            InfoAdicional =
            [
                new CampoAdicional("Email", "compras@clinicanunezpena.ec"),
                new CampoAdicional("Teléfono", "02 254 7788"),
                new CampoAdicional("Vendedor", "Ángela Muñoz"),
            ],
        };
        var total = FacturaCalculadora.Calcular(draft).ImporteTotal;
        // Paid partly by card and the rest on 30 days' credit, as a clinic buying for its patients would.
        var card = FacturaCalculadora.Redondear(total / 2);
        return draft with
        {
            Pagos = [new Pago(FormaPago.TarjetaCredito, card), new Pago(FormaPago.OtrosConUtilizacionSistemaFinanciero, total - card) { Plazo = 30, UnidadTiempo = "dias" }],
        };
    }
}
