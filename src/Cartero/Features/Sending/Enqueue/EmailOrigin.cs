namespace Cartero.Features.Sending.Enqueue;

/// <summary>The codes of <c>log_envio_correo.origen</c>.</summary>
public static class EmailOrigin
{
    public const string Manual = "manual";
    public const string Automatic = "automatico";
    public const string Api = "api";
}
