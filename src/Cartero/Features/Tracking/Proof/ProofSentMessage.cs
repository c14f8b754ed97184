namespace Cartero.Features.Tracking.Proof;

/// <summary>One accepted attempt's message: the SHA-256 of its MIME bytes as sent, and whether the <c>.eml</c> is kept.</summary>
public sealed record ProofSentMessage(DateTime AcceptedAt, string Sha256, string? Provider, string? ServerAnswer, bool EmlStored);
