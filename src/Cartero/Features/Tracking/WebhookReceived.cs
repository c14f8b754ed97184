namespace Cartero.Features.Tracking;

/// <summary>The answer to an accepted webhook batch: where it is stored and what applying it did.</summary>
public sealed record WebhookReceived(Guid Id, string Result);
