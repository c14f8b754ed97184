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
    /// virtual). A server that announces SIZE makes MailKit serialise the message once before the DATA anyway, to measure
    /// it; that pass is taken over below, so only a server without SIZE costs a serialisation of its own here.
    /// </summary>
    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
        base.Prepare(options, message, constraint, maxLineLength);
        LastMessage = (Capabilities & SmtpCapabilities.Size) == 0 ? Serialise(options, message) : null;
    }

    /// <summary>
    /// MailKit measures the message with the options and the prepared message it then writes to DATA (or BDAT), so
    /// keeping what this pass writes gives the exact bytes sent without serialising the message one more time. (Without
    /// SIZE, CHUNKING can still call it; then <see cref="Prepare"/> has kept the bytes already.)
    /// </summary>
    protected override long GetSize(FormatOptions options, MimeMessage message, CancellationToken cancellationToken)
    {
        LastMessage ??= Serialise(options, message);
        return LastMessage.Mime.Length;
    }

    protected override Task<long> GetSizeAsync(FormatOptions options, MimeMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(GetSize(options, message, cancellationToken));

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Rejected.Add(new RecipientRejection(mailbox.Address, (int)response.StatusCode, response.Response));

    private static SentMessage Serialise(FormatOptions options, MimeMessage message)
    {
        // In memory: the synchronous write does not block, and the hash is taken in the same pass.
        using var buffer = new HashingBuffer();
        message.WriteTo(options, buffer);
        return buffer.ToSentMessage();
    }
}
