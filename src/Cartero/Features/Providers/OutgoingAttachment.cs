namespace Cartero.Features.Providers;

/// <summary>An attachment whose bytes are read from the attachment store when the message is built.</summary>
public sealed record OutgoingAttachment(string FileName, string ContentType, long Size, string Sha256, Func<CancellationToken, Task<Stream>> OpenAsync)
{
    /// <summary>
    /// Opens the bytes, turning a missing or unreadable file into <see cref="AttachmentUnavailableException"/> so a
    /// provider does not mistake it for its own I/O (a dropped connection, an unwritable pickup folder).
    /// </summary>
    public async Task<Stream> OpenForSendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AttachmentUnavailableException(FileName, ex);
        }
    }

    /// <summary>Copies the bytes into <paramref name="destination"/>; a read that fails midway is the attachment's fault too.</summary>
    public async Task CopyForSendingAsync(Stream destination, CancellationToken cancellationToken)
    {
        await using var source = await OpenForSendingAsync(cancellationToken);
        try
        {
            await source.CopyToAsync(destination, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AttachmentUnavailableException(FileName, ex);
        }
    }
}
