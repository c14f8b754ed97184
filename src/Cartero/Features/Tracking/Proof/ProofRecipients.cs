namespace Cartero.Features.Tracking.Proof;

/// <summary>The exact addresses the message was sent to.</summary>
public sealed record ProofRecipients(string To, string? ToName, IReadOnlyList<string> Cc, IReadOnlyList<string> Bcc);
