namespace Cartero.Platform.Identity;

/// <summary>
/// <c>Cartero:Panel:SignInDelay</c>: how failed sign-ins slow the next attempt. After <see cref="FreeFailuresPerAccount"/>
/// failures on one account (or <see cref="FreeFailuresPerAddress"/> from one address) each further attempt must wait
/// 1, 2, 4, 8… seconds, up to the cap; the right password works again as soon as the wait is over.
/// </summary>
public sealed class SignInDelayOptions
{
    public const string Section = "Cartero:Panel:SignInDelay";

    public int FreeFailuresPerAccount { get; set; } = 5;

    /// <summary>Higher than per account: several people of one shop can share an address.</summary>
    public int FreeFailuresPerAddress { get; set; } = 20;

    /// <summary>Kept short so nobody can keep an administrator out for long by failing on purpose.</summary>
    public TimeSpan MaxDelayPerAccount { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxDelayPerAddress { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures older than this (with none since) are forgotten.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);
}
