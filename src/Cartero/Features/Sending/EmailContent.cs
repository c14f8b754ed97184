namespace Cartero.Features.Sending;

/// <summary>The rendered message (<c>log_envio_correo_contenido</c>), kept apart so the log table stays narrow.</summary>
public sealed class EmailContent
{
    public Guid EmailId { get; set; }
    public string? Html { get; set; }
    public string? Text { get; set; }
}
