namespace Cartero.Features.Providers;

/// <summary>
/// The sender account with its secrets decrypted, held only in memory while sending.
/// <see cref="ToString"/> never prints a secret.
/// </summary>
public sealed class MailAccount
{
    public required string Provider { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public SmtpSecurity Security { get; init; } = SmtpSecurity.Auto;
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? ApiKey { get; init; }
    public string? SendGridBaseUrl { get; init; }
    public string? TrustedCertificateSha256 { get; init; }
    public required EmailAddress From { get; init; }
    /// <summary>Envelope sender template for SMTP (see <see cref="ReturnPathAddress"/>); null sends with <see cref="From"/>.</summary>
    public string? ReturnPath { get; init; }
    public EmailAddress? ReplyTo { get; init; }
    /// <summary>Changes whenever the settings change; sessions opened for an older version are replaced.</summary>
    public int Version { get; init; }
    /// <summary>Folder for the pickup provider's .eml files.</summary>
    public string? PickupDirectory { get; init; }

    /// <summary>Identifies the account for circuit breaking and logs.</summary>
    public string Key => $"{Provider}:{Host}:{Port}:{Username}";

    public override string ToString() => $"{Provider} {Host}:{Port} ({From.Address})";
}
