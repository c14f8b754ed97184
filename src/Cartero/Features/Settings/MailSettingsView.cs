namespace Cartero.Features.Settings;

/// <summary>The sender account as the API and the panel show it: secrets only as "configured" / last 4 characters.</summary>
public sealed record MailSettingsView(
    bool Configured,
    string Provider,
    string? Host,
    int? Port,
    string Security,
    string? Username,
    bool PasswordConfigured,
    string? ApiKeyLast4,
    string? SendGridBaseUrl,
    string? TrustedCertificateSha256,
    string FromAddress,
    string? FromName,
    string? ReplyTo,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    int Version,
    BounceMailboxView BounceMailbox);
