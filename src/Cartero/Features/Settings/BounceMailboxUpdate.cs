namespace Cartero.Features.Settings;

/// <summary>
/// The bounce mailbox part of <see cref="MailSettingsUpdate"/>. Left out of a change, the stored mailbox stays as it is;
/// given, it replaces it. <see cref="Password"/>: null keeps the stored one, an empty string clears it.
/// </summary>
public sealed record BounceMailboxUpdate
{
    public bool Enabled { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Security { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Folder { get; init; }
    /// <summary>Envelope sender for SMTP, e.g. <c>rebotes@optica.ec</c>; emails leave as <c>rebotes+&lt;id&gt;@optica.ec</c>.</summary>
    public string? ReturnPath { get; init; }
}
