namespace Cartero.Features.Statistics;

/// <summary>
/// A normalised failure reason and how often it happened: the reply codes and a Spanish explanation, never the
/// refused address, so one cause is one row however many people it hit.
/// </summary>
/// <param name="Reason">The codes followed by the explanation (<c>550 5.1.1: El buzón…</c>), or the explanation alone.</param>
/// <param name="Code">The SMTP reply and enhanced status code, when the failure had them.</param>
public sealed record ReasonCount(string Reason, int Count, string? Explanation = null, string? Code = null);
