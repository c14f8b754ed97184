namespace Cartero.Features.Settings;

/// <summary>
/// Body of <c>PUT /api/v1/settings/mail</c>. <see cref="Password"/> and <see cref="ApiKey"/>: omitted or null keeps
/// the stored secret, an empty string clears it. <see cref="Version"/> guards against overwriting a concurrent edit.
/// </summary>
public sealed record MailSettingsUpdate
{
    public string? Provider { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Security { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? ApiKey { get; init; }
    public string? SendGridBaseUrl { get; init; }
    public string? TrustedCertificateSha256 { get; init; }
    public string? FromAddress { get; init; }
    public string? FromName { get; init; }
    public string? ReplyTo { get; init; }
    /// <summary>Optional; omitted keeps the stored bounce mailbox and return path.</summary>
    public BounceMailboxUpdate? BounceMailbox { get; init; }
    public int? Version { get; init; }
}
