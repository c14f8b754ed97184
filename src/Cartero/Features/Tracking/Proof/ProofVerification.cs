namespace Cartero.Features.Tracking.Proof;

/// <summary>The answer of <c>proof verify</c>: whether the file is an untouched proof, and in Spanish what was found.</summary>
public sealed record ProofVerification(bool Valid, string Kind, string Message, Guid? EmailId = null, string? Code = null);
