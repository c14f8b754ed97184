using Cartero.Sri;

namespace Cartero.Features.Store;

/// <summary>The customer identification types and their check, using the SRI library's buyer rules.</summary>
public static class IdentificationTypes
{
    public const string Cedula = "cedula";
    public const string Ruc = "ruc";
    public const string Pasaporte = "pasaporte";
    public const string ConsumidorFinal = "consumidor_final";

    public static readonly IReadOnlyList<string> All = [Cedula, Ruc, Pasaporte, ConsumidorFinal];

    public static TipoIdentificacion? ToSri(string? code) => code switch
    {
        Cedula => TipoIdentificacion.Cedula,
        Ruc => TipoIdentificacion.Ruc,
        Pasaporte => TipoIdentificacion.Pasaporte,
        ConsumidorFinal => TipoIdentificacion.ConsumidorFinal,
        _ => null,
    };

    public static string Label(string code) => code switch
    {
        Cedula => "Cédula",
        Ruc => "RUC",
        Pasaporte => "Pasaporte",
        ConsumidorFinal => "Consumidor final",
        _ => code,
    };

    /// <summary>The problems of an identification by the rules the SRI applies to a buyer; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(string? type, string? number, string? names)
    {
        if (ToSri(type) is not { } sriType)
        {
            return ["Elija el tipo de identificación: cédula, RUC, pasaporte o consumidor final."];
        }

        return [.. FacturaValidador.ValidarComprador(new Comprador(sriType, number?.Trim() ?? "", string.IsNullOrWhiteSpace(names) ? "-" : names.Trim()))
            .Where(p => p.Campo is "infoFactura/identificacionComprador" or "infoFactura/tipoIdentificacionComprador")
            .Select(p => p.Mensaje.Replace("del comprador ", "", StringComparison.Ordinal))];
    }
}
