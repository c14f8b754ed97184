using Cartero.Features.Providers;
using Cartero.Features.Sending.Attachments;

namespace Cartero.Features.Sending.Worker;

/// <summary>
/// Opens the encrypted body and attachments of a protected type (<see cref="ProtectedContent"/>) just before the
/// message is built, in memory. Because it changes the message, the worker treats it as send-time content: the sent
/// <c>.eml</c> is hashed and signed into the history but never archived, so no plain copy lands in the attachment store.
/// The body is taken from the stored row, so nothing another step added to the ciphertext (the open pixel) survives.
/// </summary>
public sealed class ProtectedContentOpener(ProtectedContent content, AttachmentStore store) : ISendTimeContent
{
    public Task<OutgoingEmail> CompleteAsync(EmailLogEntry entry, OutgoingEmail message, CancellationToken cancellationToken)
    {
        if (!ProtectedContent.Protects(entry.Type))
        {
            return Task.FromResult(message);
        }

        return Task.FromResult(message with
        {
            HtmlBody = content.Open(entry.Id, ProtectedContent.HtmlColumn, entry.Content?.Html),
            TextBody = content.Open(entry.Id, ProtectedContent.TextColumn, entry.Content?.Text),
            Attachments = message.Attachments.Select(a => a with { OpenAsync = ct => OpenAsync(entry.Id, a.Sha256, ct) }).ToList(),
        });
    }

    private async Task<Stream> OpenAsync(Guid emailId, string sha256, CancellationToken cancellationToken)
    {
        await using var stored = await store.OpenReadAsync(sha256, cancellationToken);
        return new MemoryStream(await content.OpenAttachmentAsync(emailId, stored, cancellationToken), writable: false);
    }
}
