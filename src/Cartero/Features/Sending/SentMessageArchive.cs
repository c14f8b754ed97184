using Cartero.Features.Providers;
using Cartero.Features.Sending.Attachments;

namespace Cartero.Features.Sending;

/// <summary>
/// Keeps the <c>.eml</c> of every accepted attempt in the attachment store (content-addressed: its name is its SHA-256,
/// same folder and file modes as the attachments), so the original can be produced in a dispute.
/// </summary>
public sealed partial class SentMessageArchive(AttachmentStore store, ILogger<SentMessageArchive> log)
{
    /// <summary>
    /// Stores the bytes of an accepted message. The server has taken the message already, so a full disk (or any other
    /// failure to store) must not lose the attempt: the failure is logged and the hash is still recorded on the event.
    /// </summary>
    public async Task KeepAsync(Guid emailId, SendResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome != SendOutcome.Accepted || result.Sent is not { } sent)
        {
            return;
        }

        try
        {
            await store.SaveAsync(sent.Mime, sent.Sha256, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong, the attempt must still be recorded: a lost record would send the message again.
            LogNotKept(log, ex, emailId, sent.Sha256);
        }
    }

    /// <summary>Whether the <c>.eml</c> with this hash is in the store.</summary>
    public bool Has(string sha256) => store.Exists(sha256);

    public Task<Stream> OpenAsync(string sha256, CancellationToken cancellationToken) => store.OpenReadAsync(sha256, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "No se pudo guardar el .eml enviado del correo {EmailId} (sha256 {Sha256}); el intento queda registrado con su hash")]
    private static partial void LogNotKept(ILogger logger, Exception exception, Guid emailId, string sha256);
}
