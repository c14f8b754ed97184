using Cartero.Features.Sending.Enqueue;

namespace Cartero.Features.Sending.Worker;

/// <summary>An email that was due and is recorded as not sent, with the reason (see <see cref="EmailEnqueuer.RecordNotSentAsync"/>).</summary>
public sealed record NotSentEmail(
    string Type,
    string RecipientKind,
    string? RecipientId,
    string? ToAddress,
    string? ToName,
    string? EntityType,
    string? EntityId,
    string Subject,
    string Reason,
    string? IdempotencyKey);
