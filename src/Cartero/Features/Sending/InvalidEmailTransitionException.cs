namespace Cartero.Features.Sending;

/// <summary>An attempt to move an email between two states the state machine does not connect.</summary>
public sealed class InvalidEmailTransitionException(Guid emailId, EmailStatus from, EmailStatus to)
    : InvalidOperationException(
        $"El correo {emailId} está en '{from.ToCode()}' y no puede pasar a '{to.ToCode()}'.")
{
    public Guid EmailId { get; } = emailId;
    public EmailStatus From { get; } = from;
    public EmailStatus To { get; } = to;
}
