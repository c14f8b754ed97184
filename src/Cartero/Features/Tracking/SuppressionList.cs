namespace Cartero.Features.Tracking;

/// <summary>How addresses are compared on <c>lista_supresion</c>.</summary>
public static class SuppressionList
{
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();
}
