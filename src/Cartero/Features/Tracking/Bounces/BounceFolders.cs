namespace Cartero.Features.Tracking.Bounces;

/// <summary>Where read messages go: never deleted, only moved.</summary>
public static class BounceFolders
{
    public const string Root = "Cartero";
    public const string Processed = "Procesados";
    public const string Unmatched = "SinCoincidencia";
}
