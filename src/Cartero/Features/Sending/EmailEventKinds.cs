namespace Cartero.Features.Sending;

/// <summary>The codes of <c>log_envio_correo_evento.tipo_evento</c> (null: an attempt or a state change).</summary>
public static class EmailEventKinds
{
    /// <summary>The retention job removed the email's rendered body and attachments.</summary>
    public const string ContentPurged = "contenido_depurado";
}
