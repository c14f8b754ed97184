using MailKit.Net.Smtp;
using MimeKit;

namespace Cartero.Features.Providers.Smtp;

/// <summary>
/// MailKit aborts the whole message on the first refused recipient; this client records the refusal and
/// goes on, so one bad copy address does not stop the message to the others. It also keeps the bytes of the message
/// it is about to send, for the proof of delivery.
/// </summary>
internal sealed class RecipientTrackingSmtpClient : SmtpClient
{
    public List<RecipientRejection> Rejected { get; } = [];

    /// <summary>The message as the last send serialised it (after MailKit adapted its encodings to the server).</summary>
    public byte[]? LastMessage { get; private set; }

    public void ClearLastMessage() => LastMessage = null;

    /// <summary>
    /// MailKit prepares the message for this server (8BITMIME, line length) and then writes it with these same options,
    /// so writing it here once more gives exactly the bytes of the DATA (or BDAT) content.
    /// </summary>
    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
        base.Prepare(options, message, constraint, maxLineLength);
        using var buffer = new MemoryStream();
        message.WriteTo(options, buffer);
        LastMessage = buffer.ToArray();
    }

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Rejected.Add(new RecipientRejection(mailbox.Address, (int)response.StatusCode, response.Response));
}
