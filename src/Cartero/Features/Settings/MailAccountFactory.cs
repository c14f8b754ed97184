using Cartero.Features.Providers;
using Cartero.Platform;
using Cartero.Platform.Secrets;

namespace Cartero.Features.Settings;

/// <summary>From the stored row (secrets encrypted) to the runtime account (secrets in memory only).</summary>
internal static class MailAccountFactory
{
    public static MailAccount Create(MailAccountSettings s, ISecretProtector secrets, DataDirectory data) => new()
    {
        Provider = s.Provider,
        Host = s.Host,
        Port = s.Port,
        Security = s.Security switch
        {
            "none" => SmtpSecurity.None,
            "starttls" => SmtpSecurity.StartTls,
            "sslonconnect" => SmtpSecurity.SslOnConnect,
            _ => SmtpSecurity.Auto,
        },
        Username = s.Username,
        Password = s.PasswordEncrypted is null ? null : secrets.Unprotect(s.PasswordEncrypted, MailSecretColumns.Password.Purpose(s)),
        ApiKey = s.ApiKeyEncrypted is null ? null : secrets.Unprotect(s.ApiKeyEncrypted, MailSecretColumns.ApiKey.Purpose(s)),
        SendGridBaseUrl = s.SendGridBaseUrl,
        TrustedCertificateSha256 = s.TrustedCertificateSha256,
        From = new EmailAddress(s.FromAddress, s.FromName),
        ReturnPath = s.ReturnPath,
        ReplyTo = s.ReplyTo is null ? null : new EmailAddress(s.ReplyTo),
        Version = s.Version,
        PickupDirectory = data.Outbox,
    };

    public static MailAccount Pickup(DataDirectory data, string from) => new()
    {
        Provider = "pickup",
        From = new EmailAddress(from),
        PickupDirectory = data.Outbox,
        Version = 0,
    };
}
