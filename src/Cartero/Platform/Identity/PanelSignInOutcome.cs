namespace Cartero.Platform.Identity;

/// <summary>What a sign-in step ended in; <see cref="Wait"/> is set when the attempt was refused because of earlier failures.</summary>
public sealed record PanelSignInOutcome(bool Succeeded, bool RequiresTwoFactor, TimeSpan? Wait)
{
    public static readonly PanelSignInOutcome Failed = new(false, false, null);
}
