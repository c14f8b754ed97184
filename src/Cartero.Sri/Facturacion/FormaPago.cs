namespace Cartero.Sri;

/// <summary>Forma de pago (Ficha técnica, tabla 24). The value is the two-digit code.</summary>
public enum FormaPago
{
    /// <summary>01 sin utilización del sistema financiero.</summary>
    SinUtilizacionSistemaFinanciero = 1,
    /// <summary>15 compensación de deudas.</summary>
    CompensacionDeudas = 15,
    /// <summary>16 tarjeta de débito.</summary>
    TarjetaDebito = 16,
    /// <summary>17 dinero electrónico.</summary>
    DineroElectronico = 17,
    /// <summary>18 tarjeta prepago.</summary>
    TarjetaPrepago = 18,
    /// <summary>19 tarjeta de crédito.</summary>
    TarjetaCredito = 19,
    /// <summary>20 otros con utilización del sistema financiero.</summary>
    OtrosConUtilizacionSistemaFinanciero = 20,
    /// <summary>21 endoso de títulos.</summary>
    EndosoTitulos = 21,
}
