namespace Cartero.Features.Sending.Enqueue;

/// <summary>One item of a batch answer; <see cref="Replayed"/> when its idempotency key named an email already stored.</summary>
public sealed record EnqueuedBatchItem(Guid Id, string Status, bool Replayed);
