namespace Cartero.Features.Sending;

/// <summary>An attempt to move an email between two states the state machine does not connect, or that its data rules out (<paramref name="reason"/>).</summary>
public sealed class InvalidEmailTransitionException(Guid emailId, EmailStatus from, EmailStatus to, string? reason = null)
    : InvalidOperationException(
        reason ?? $"El correo {emailId} está en '{from.ToCode()}' y no puede pasar a '{to.ToCode()}'.")
{
    public Guid EmailId { get; } = emailId;
    public EmailStatus From { get; } = from;
    public EmailStatus To { get; } = to;

    /// <summary>Why a transition the state machine allows is refused for this email; null when the states themselves rule it out.</summary>
    public string? Reason { get; } = reason;
}
