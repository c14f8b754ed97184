namespace Cartero.Sri;

/// <summary>The buyer (infoFactura).</summary>
/// <param name="TipoIdentificacion">04 RUC, 05 cédula, 06 pasaporte, 07 consumidor final, 08 exterior.</param>
/// <param name="Identificacion">The identification number (9999999999999 for consumidor final).</param>
/// <param name="RazonSocial">Razón social or full name.</param>
public sealed record Comprador(TipoIdentificacion TipoIdentificacion, string Identificacion, string RazonSocial)
{
    /// <summary>The identification the SRI reserves for consumidor final.</summary>
    public const string IdentificacionConsumidorFinal = "9999999999999";

    /// <summary>Dirección del comprador, optional.</summary>
    public string? Direccion { get; init; }

    /// <summary>The anonymous buyer, allowed only up to USD 50.</summary>
    public static Comprador ConsumidorFinal { get; } =
        new(TipoIdentificacion.ConsumidorFinal, IdentificacionConsumidorFinal, "CONSUMIDOR FINAL");
}
