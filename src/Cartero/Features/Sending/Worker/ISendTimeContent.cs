using Cartero.Features.Providers;

namespace Cartero.Features.Sending.Worker;

/// <summary>
/// Completes a message just before it goes to the provider with a value that must never be stored (a single-use
/// link): the stored content carries a redaction marker in its place. Runs for every claimed email; an implementation
/// returns the message unchanged when the email is not one of its own.
/// </summary>
public interface ISendTimeContent
{
    Task<OutgoingEmail> CompleteAsync(EmailLogEntry entry, OutgoingEmail message, CancellationToken cancellationToken);
}
