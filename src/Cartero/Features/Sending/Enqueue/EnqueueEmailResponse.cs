namespace Cartero.Features.Sending.Enqueue;

/// <summary>Answer of <c>POST /api/v1/emails</c>.</summary>
public sealed record EnqueueEmailResponse(Guid Id, string Status);
