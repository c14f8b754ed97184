namespace Cartero.Features.Settings;

/// <summary>The bounce mailbox as the API and the panel show it: the password only as configured or not.</summary>
public sealed record BounceMailboxView(
    bool Enabled,
    string? Host,
    int? Port,
    string Security,
    string? Username,
    bool PasswordConfigured,
    string Folder,
    string? ReturnPath);
