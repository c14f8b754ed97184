using System.Globalization;

namespace Cartero.Sri;

/// <summary>The comprobante a nota de crédito modifies (codDocModificado, numDocModificado, fechaEmisionDocSustento).</summary>
/// <param name="CodDocModificado">Tipo of the modified comprobante; 01 factura for a shop's returns.</param>
/// <param name="NumDocModificado">Its número as printed, estab-ptoEmi-secuencial: <c>001-001-000000123</c>.</param>
/// <param name="FechaEmisionDocSustento">Its fecha de emisión.</param>
public sealed record DocumentoModificado(TipoComprobante CodDocModificado, string NumDocModificado, DateOnly FechaEmisionDocSustento)
{
    /// <summary>The factura as the document modified.</summary>
    public static DocumentoModificado DeFactura(Factura factura)
    {
        ArgumentNullException.ThrowIfNull(factura);
        return new DocumentoModificado(TipoComprobante.Factura, factura.NumeroComprobante, factura.FechaEmision);
    }

    /// <summary>codDocModificado as written in the XML, two digits.</summary>
    public string Codigo => ((int)CodDocModificado).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>How the RIDE names the modified comprobante, e.g. "FACTURA".</summary>
    public string NombreTipo => CodDocModificado switch
    {
        TipoComprobante.Factura => "FACTURA",
        TipoComprobante.LiquidacionCompra => "LIQUIDACIÓN DE COMPRA",
        TipoComprobante.NotaDebito => "NOTA DE DÉBITO",
        _ => Codigo,
    };
}
