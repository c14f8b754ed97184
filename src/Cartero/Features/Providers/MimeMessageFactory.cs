using MimeKit;

namespace Cartero.Features.Providers;

/// <summary>Builds the MIME message every provider that speaks MIME sends (SMTP, pickup): one place for headers and parts.</summary>
public static class MimeMessageFactory
{
    public const string LogIdHeader = "X-Cartero-Id";
    public const string TypeHeader = "X-Cartero-Tipo";

    public static async Task<MimeMessage> CreateAsync(MailAccount account, OutgoingEmail email, DateTimeOffset date, CancellationToken cancellationToken)
    {
        var message = new MimeMessage
        {
            Subject = email.Subject,
            MessageId = email.MessageId,
            Date = date,
        };
        message.From.Add(new MailboxAddress(account.From.Name, account.From.Address));
        if (account.ReplyTo is { } replyTo)
        {
            message.ReplyTo.Add(new MailboxAddress(replyTo.Name, replyTo.Address));
        }

        message.To.Add(new MailboxAddress(email.To.Name, email.To.Address));
        message.Cc.AddRange(email.Cc.Select(a => new MailboxAddress(a.Name, a.Address)));
        message.Bcc.AddRange(email.Bcc.Select(a => new MailboxAddress(a.Name, a.Address)));
        message.Headers.Add(LogIdHeader, email.LogId.ToString());
        message.Headers.Add(TypeHeader, email.Type);

        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        foreach (var attachment in email.Attachments)
        {
            await using var content = await attachment.OpenForSendingAsync(cancellationToken);
            try
            {
                await body.Attachments.AddAsync(attachment.FileName, content, ContentType.Parse(attachment.ContentType), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new AttachmentUnavailableException(attachment.FileName, ex);
            }
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
