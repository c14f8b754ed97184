namespace Cartero.Features.Tracking.Proof;

/// <summary>One attachment as sent: name, type, size and SHA-256 of its bytes.</summary>
public sealed record ProofAttachment(string FileName, string ContentType, long Size, string Sha256);
