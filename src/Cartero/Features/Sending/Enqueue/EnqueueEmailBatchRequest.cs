namespace Cartero.Features.Sending.Enqueue;

/// <summary>Body of <c>POST /api/v1/emails/batch</c>: up to <see cref="EmailEnqueuer.MaxBatchSize"/> send requests, stored together or not at all.</summary>
public sealed record EnqueueEmailBatchRequest(IReadOnlyList<EnqueueEmailRequest>? Items);
