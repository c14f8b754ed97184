namespace Cartero.Features.Settings;

/// <summary>
/// The sender account as stored in <c>configuracion_correo</c> (a single row). Secrets are kept only in
/// their encrypted form; <see cref="Platform.Secrets.ISecretProtector"/> turns them into the runtime <see cref="Providers.MailAccount"/>.
/// </summary>
public sealed class MailAccountSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required string Provider { get; set; }
    public string? Host { get; set; }
    public int? Port { get; set; }
    public string Security { get; set; } = "auto";
    public string? Username { get; set; }
    public string? PasswordEncrypted { get; set; }
    public string? ApiKeyEncrypted { get; set; }
    public string? ApiKeyLast4 { get; set; }
    public string? SendGridBaseUrl { get; set; }
    /// <summary>SHA-256 fingerprint (hex) of the one self-signed certificate the admin chose to trust.</summary>
    public string? TrustedCertificateSha256 { get; set; }
    public required string FromAddress { get; set; }
    public string? FromName { get; set; }
    public string? ReplyTo { get; set; }
    /// <summary>Envelope sender for SMTP (<c>rebotes@optica.ec</c>); each email goes out as <c>rebotes+&lt;id&gt;@optica.ec</c> (VERP).</summary>
    public string? ReturnPath { get; set; }
    /// <summary>Whether the bounce job reads <see cref="BounceHost"/> (IMAP).</summary>
    public bool BounceEnabled { get; set; }
    public string? BounceHost { get; set; }
    public int? BouncePort { get; set; }
    public string BounceSecurity { get; set; } = "auto";
    public string? BounceUsername { get; set; }
    public string? BouncePasswordEncrypted { get; set; }
    public string? BounceFolder { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    /// <summary>Bumped on every change, so workers know to reopen their provider sessions.</summary>
    public int Version { get; set; }
}
