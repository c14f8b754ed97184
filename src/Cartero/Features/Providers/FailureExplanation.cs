namespace Cartero.Features.Providers;

/// <summary>
/// A failure in words a person can act on, beside the provider's own text (which is kept as it came).
/// <see cref="Reason"/> is the normalised reason that groups failures in the statistics: the SMTP reply and
/// enhanced status codes when there are any, never the address that was refused. <see cref="Code"/> is that code as
/// shown ("550 5.1.1": reply code and enhanced status code), or null when the failure had none (a connection that never opened).
/// </summary>
public sealed record FailureExplanation(string Reason, string Explanation, string? Code);
