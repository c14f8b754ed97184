using Cartero.Sri;

namespace Cartero.Features.Invoicing.Points;

/// <summary>The stored codes of a punto de emisión's RIDE layout.</summary>
public static class RideLayouts
{
    public const string A4 = "a4";
    public const string Roll80mm = "rollo_80mm";

    public static bool IsKnown(string? code) => code is A4 or Roll80mm;

    public static FormatoRide ToFormato(string? code) => code == Roll80mm ? FormatoRide.Rollo80mm : FormatoRide.A4;
}
