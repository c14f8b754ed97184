namespace Cartero.Features.Sending.Attachments;

/// <summary>What the store kept: size and SHA-256 (hex, lowercase), which is also its name.</summary>
public sealed record StoredAttachment(long Size, string Sha256);
