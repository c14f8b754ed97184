namespace Cartero.Features.Providers;

/// <summary>
/// An attachment of the email could not be read from the attachment store (deleted, unreadable). The email can never
/// be sent as it is, so providers answer a permanent failure of that email, never a connection or account failure.
/// </summary>
public sealed class AttachmentUnavailableException(string fileName, Exception inner)
    : Exception($"Falta el adjunto «{fileName}» en el almacén de adjuntos; vuelva a enviar el correo con el archivo.", inner)
{
    public SendResult ToResult() => new(SendOutcome.Permanent, null, Message);
}
