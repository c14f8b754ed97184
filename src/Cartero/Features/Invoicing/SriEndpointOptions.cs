namespace Cartero.Features.Invoicing;

/// <summary>The two web-service addresses of one ambiente.</summary>
public sealed class SriEndpointOptions
{
    public Uri? RecepcionUrl { get; set; }
    public Uri? AutorizacionUrl { get; set; }
}
