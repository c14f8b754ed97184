namespace Cartero.Sri;

/// <summary>Tipo de identificación del comprador (Ficha técnica, tabla 6).</summary>
public enum TipoIdentificacion
{
    /// <summary>04 RUC.</summary>
    Ruc = 4,
    /// <summary>05 cédula.</summary>
    Cedula = 5,
    /// <summary>06 pasaporte.</summary>
    Pasaporte = 6,
    /// <summary>07 consumidor final (identificación 9999999999999, hasta USD 50).</summary>
    ConsumidorFinal = 7,
    /// <summary>08 identificación del exterior.</summary>
    Exterior = 8,
}
