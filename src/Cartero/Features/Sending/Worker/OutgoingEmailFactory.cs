using Cartero.Features.Providers;
using Cartero.Features.Sending.Attachments;

namespace Cartero.Features.Sending.Worker;

/// <summary>Builds what a provider sends from a log row, its rendered content and its stored attachments.</summary>
public sealed class OutgoingEmailFactory(AttachmentStore attachments, IEnumerable<ISendTimeContent> completions, IOpenPixel? pixel = null)
{
    /// <summary>The message as the worker sends it: <see cref="Create"/>, then every <see cref="ISendTimeContent"/>.</summary>
    public async Task<OutgoingEmail> CreateForSendAsync(EmailLogEntry entry, CancellationToken cancellationToken)
    {
        var message = Create(entry);
        foreach (var completion in completions)
        {
            var completed = await completion.CompleteAsync(entry, message, cancellationToken);
            // Whatever a completion changes is, by its contract, something never to be stored (not even as the sent .eml).
            message = ReferenceEquals(completed, message) ? message : completed with { HoldsSendTimeSecret = true };
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
        WithPixel(entry.Content?.Html, entry),
        entry.Content?.Text,
        entry.Attachments
            .Select(a => new OutgoingAttachment(a.FileName, a.ContentType, a.Size, a.Sha256, ct => attachments.OpenReadAsync(a.Sha256, ct)))
            .ToList(),
        entry.Type,
        string.IsNullOrEmpty(entry.PendingRecipients) ? null : Split(entry.PendingRecipients));

    /// <summary>The HTML with the open pixel at the end of its body, when this email carries one.</summary>
    private string? WithPixel(string? html, EmailLogEntry entry)
    {
        if (html is null || pixel?.UrlFor(entry) is not { } url)
        {
            return html;
        }

        var img = $"<img src=\"{System.Net.WebUtility.HtmlEncode(url)}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">";
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end < 0 ? html + img : html.Insert(end, img);
    }

    private static List<EmailAddress> Split(string? addresses) =>
        string.IsNullOrEmpty(addresses)
            ? []
            : addresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => new EmailAddress(a)).ToList();
}
