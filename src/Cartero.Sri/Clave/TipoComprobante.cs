namespace Cartero.Sri;

/// <summary>Tipo de comprobante electrónico (Ficha técnica, tabla 3). The value is the two-digit code.</summary>
public enum TipoComprobante
{
    /// <summary>01 factura.</summary>
    Factura = 1,
    /// <summary>03 liquidación de compra de bienes y prestación de servicios.</summary>
    LiquidacionCompra = 3,
    /// <summary>04 nota de crédito.</summary>
    NotaCredito = 4,
    /// <summary>05 nota de débito.</summary>
    NotaDebito = 5,
    /// <summary>06 guía de remisión.</summary>
    GuiaRemision = 6,
    /// <summary>07 comprobante de retención.</summary>
    Retencion = 7,
}
