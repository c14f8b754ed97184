using Cartero.Features.Providers;
using Cartero.Features.Sending.Attachments;

namespace Cartero.Features.Sending;

/// <summary>Builds what a provider sends from a log row, its rendered content and its stored attachments.</summary>
public sealed class OutgoingEmailFactory(AttachmentStore attachments, IEnumerable<ISendTimeContent> completions)
{
    /// <summary>The message as the worker sends it: <see cref="Create"/>, then every <see cref="ISendTimeContent"/>.</summary>
    public async Task<OutgoingEmail> CreateForSendAsync(EmailLogEntry entry, CancellationToken cancellationToken)
    {
        var message = Create(entry);
        foreach (var completion in completions)
        {
            message = await completion.CompleteAsync(entry, message, cancellationToken);
        }

        return message;
    }

    public OutgoingEmail Create(EmailLogEntry entry) => new(
        entry.Id,
        entry.MessageId,
        new EmailAddress(entry.ToAddress, entry.ToName),
        Split(entry.Cc),
        Split(entry.Bcc),
        entry.Subject,
        entry.Content?.Html,
        entry.Content?.Text,
        entry.Attachments
            .Select(a => new OutgoingAttachment(a.FileName, a.ContentType, a.Size, a.Sha256, ct => attachments.OpenReadAsync(a.Sha256, ct)))
            .ToList(),
        entry.Type);

    private static List<EmailAddress> Split(string? addresses) =>
        string.IsNullOrEmpty(addresses)
            ? []
            : addresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => new EmailAddress(a)).ToList();
}
