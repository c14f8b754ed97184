namespace Cartero.Platform.Web;

/// <summary>
/// Paths read by machines (the API, the Prometheus scrape): they answer a bare status or problem+json, never a
/// redirect to the sign-in page or a Spanish HTML page.
/// </summary>
public static class MachinePaths
{
    public static bool Is(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/metrics");
}
