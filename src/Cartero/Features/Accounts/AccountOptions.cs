namespace Cartero.Features.Accounts;

/// <summary>The <c>Cartero:Accounts</c> section: password-recovery and invitation links.</summary>
public sealed class AccountOptions
{
    public const string Section = "Cartero:Accounts";

    /// <summary>
    /// The panel's public address (<c>https://cartero.optica.ec</c>) that links in mail point to. Never taken from the
    /// request's Host header, which a stranger chooses: without it, recovery and invitations are off.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a recovery or invitation link works; bound to Identity's <c>DataProtectionTokenProviderOptions.TokenLifespan</c>.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Recovery requests accepted per address and hour.</summary>
    public int RequestsPerAddressPerHour { get; set; } = 3;

    /// <summary>Recovery requests accepted per client IP and hour.</summary>
    public int RequestsPerIpPerHour { get; set; } = 20;

    public bool Enabled => Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
