using Cartero.Features.Providers;
using Cartero.Features.Sending.Attachments;

namespace Cartero.Features.Sending.Archive;

/// <summary>
/// Keeps the <c>.eml</c> of every accepted attempt, so the original can be produced in a dispute: appended to this
/// instance's segment file (<see cref="SentMessageSegments"/>). Older versions wrote one content-addressed file per
/// message into the attachment store; those are still read and purged there.
/// </summary>
public sealed partial class SentMessageArchive(AttachmentStore store, SentMessageSegments segments, ILogger<SentMessageArchive> log)
{
    /// <summary>
    /// Stores the bytes of an accepted message. The server has taken the message already, so a full disk (or any other
    /// failure to store) must not lose the attempt: the failure is logged and the hash is still recorded on the event.
    /// </summary>
    public Task KeepAsync(Guid emailId, SendResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome != SendOutcome.Accepted || result.Sent is not { } sent)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // A few microseconds into the page cache under a lock: cheaper than any hand-off to another thread.
            segments.Append(sent.Mime, sent.Sha256);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong, the attempt must still be recorded: a lost record would send the message again.
            LogNotKept(log, ex, emailId, sent.Sha256);
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether the <c>.eml</c> with this hash is stored (and its bytes still have that hash).</summary>
    public bool Has(string sha256) => segments.Has(sha256) || store.Exists(sha256);

    /// <summary>
    /// The stored message, read once and checked against its hash in that same read; null when it is not stored (never
    /// kept, purged, or bytes that no longer have that hash). A download needs no <see cref="Has"/> first: that would
    /// read and hash the message twice. The per-file copies of an older version are checked too, so an edited file is
    /// "not stored", never served as the message that was sent.
    /// </summary>
    public async Task<Stream?> TryOpenAsync(string sha256, CancellationToken cancellationToken)
    {
        if (segments.TryRead(sha256) is { } bytes)
        {
            return new MemoryStream(bytes, writable: false);
        }

        if (!store.Exists(sha256))
        {
            return null;
        }

        SentMessage read;
        try
        {
            await using var file = await store.OpenReadAsync(sha256, cancellationToken);
            using var buffer = new HashingBuffer();
            await file.CopyToAsync(buffer, cancellationToken);
            read = buffer.ToSentMessage();
        }
        catch (FileNotFoundException)
        {
            // Purged between the look and the read.
            return null;
        }

        return string.Equals(read.Sha256, sha256, StringComparison.OrdinalIgnoreCase) ? new MemoryStream(read.Mime, writable: false) : null;
    }

    /// <summary>
    /// Removes the <c>.eml</c> (the retention job, with its email's content): zeroed in its segment, or the file of an
    /// older version deleted. The content is purged already when this runs, so a disk that refuses is logged, not thrown.
    /// </summary>
    public void Purge(string sha256)
    {
        try
        {
            segments.Purge(sha256);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotPurged(log, ex, sha256, segments.Folder);
        }

        store.Delete(sha256);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No se pudo borrar el .eml enviado con sha256 {Sha256} de {Folder}; revise el disco y bórrelo a mano")]
    private static partial void LogNotPurged(ILogger logger, Exception exception, string sha256, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "No se pudo guardar el .eml enviado del correo {EmailId} (sha256 {Sha256}); el intento queda registrado con su hash")]
    private static partial void LogNotKept(ILogger logger, Exception exception, Guid emailId, string sha256);
}
