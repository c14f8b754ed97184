using MailKit.Net.Smtp;
using MimeKit;

namespace Cartero.Features.Providers.Smtp;

/// <summary>
/// MailKit aborts the whole message on the first refused recipient; this client records the refusal and
/// goes on, so one bad copy address does not stop the message to the others.
/// </summary>
internal sealed class RecipientTrackingSmtpClient : SmtpClient
{
    public List<RecipientRejection> Rejected { get; } = [];

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Rejected.Add(new RecipientRejection(mailbox.Address, (int)response.StatusCode, response.Response));
}
