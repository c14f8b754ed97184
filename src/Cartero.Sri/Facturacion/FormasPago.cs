namespace Cartero.Sri;

/// <summary>Spanish descriptions of the formas de pago, as printed on the RIDE.</summary>
public static class FormasPago
{
    /// <summary>Description of a forma de pago code, or the bare code when unknown.</summary>
    public static string Descripcion(FormaPago formaPago) => formaPago switch
    {
        FormaPago.SinUtilizacionSistemaFinanciero => "SIN UTILIZACIÓN DEL SISTEMA FINANCIERO",
        FormaPago.CompensacionDeudas => "COMPENSACIÓN DE DEUDAS",
        FormaPago.TarjetaDebito => "TARJETA DE DÉBITO",
        FormaPago.DineroElectronico => "DINERO ELECTRÓNICO",
        FormaPago.TarjetaPrepago => "TARJETA PREPAGO",
        FormaPago.TarjetaCredito => "TARJETA DE CRÉDITO",
        FormaPago.OtrosConUtilizacionSistemaFinanciero => "OTROS CON UTILIZACIÓN DEL SISTEMA FINANCIERO",
        FormaPago.EndosoTitulos => "ENDOSO DE TÍTULOS",
        _ => ((int)formaPago).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
    };
}
