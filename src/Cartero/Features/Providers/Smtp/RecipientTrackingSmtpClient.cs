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

    /// <summary>The message as the last send serialised it (after MailKit adapted its encodings to the server), with its hash.</summary>
    public SentMessage? LastMessage { get; private set; }

    public void ClearLastMessage() => LastMessage = null;

    /// <summary>
    /// MailKit prepares the message for this server (8BITMIME, line length) and then writes it with these same options,
    /// so writing it here once more gives exactly the bytes of the DATA (or BDAT) content. MailKit offers no hook on the
    /// stream it writes the DATA to (and <see cref="MimeMessage.WriteTo(FormatOptions, Stream, CancellationToken)"/> is not
    /// virtual), so this is one more serialisation in memory; the hash is taken in the same pass.
    /// </summary>
    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
        base.Prepare(options, message, constraint, maxLineLength);
        using var buffer = new HashingBuffer();
        message.WriteTo(options, buffer);
        LastMessage = buffer.ToSentMessage();
    }

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Rejected.Add(new RecipientRejection(mailbox.Address, (int)response.StatusCode, response.Response));
}
