namespace Cartero.Features.Clinical;

/// <summary><c>Cartero:Clinical</c>.</summary>
public sealed class ClinicalOptions
{
    /// <summary>Largest uploaded PDF accepted (default 5 MB).</summary>
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;
}
