namespace Cartero.Features.Sending.Enqueue;

/// <summary>Answer of <c>POST /api/v1/emails/batch</c>: one entry per item, in the order sent.</summary>
public sealed record EnqueueEmailBatchResponse(IReadOnlyList<EnqueuedBatchItem> Items);
