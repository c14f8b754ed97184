namespace Cartero.Sri;

/// <summary>One line of the factura (detalles/detalle).</summary>
/// <param name="Descripcion">What is sold, up to 300 characters.</param>
/// <param name="Cantidad">Quantity, up to 6 decimals.</param>
/// <param name="PrecioUnitario">Unit price without taxes, up to 6 decimals.</param>
/// <param name="Impuestos">Taxes of the line (one IVA rate).</param>
public sealed record DetalleFactura(string Descripcion, decimal Cantidad, decimal PrecioUnitario, IReadOnlyList<TarifaImpuesto> Impuestos)
{
    /// <summary>Código principal of the product, optional, up to 25 characters.</summary>
    public string? CodigoPrincipal { get; init; }

    /// <summary>Código auxiliar of the product, optional, up to 25 characters.</summary>
    public string? CodigoAuxiliar { get; init; }

    /// <summary>Discount on the line in USD, 2 decimals.</summary>
    public decimal Descuento { get; init; }

    /// <summary>Up to three detAdicional pairs.</summary>
    public IReadOnlyList<CampoAdicional> DetallesAdicionales { get; init; } = [];
}
