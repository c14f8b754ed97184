namespace Cartero.Features.Sending.Enqueue;

/// <summary>The idempotency key was already used for a different request.</summary>
public sealed class IdempotencyConflictException(string key, Guid existingId)
    : Exception($"La clave de idempotencia '{key}' ya se usó para otra solicitud (correo {existingId}). Use una clave nueva para un envío distinto.")
{
    public Guid ExistingId { get; } = existingId;
}
