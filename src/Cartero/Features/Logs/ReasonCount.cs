namespace Cartero.Features.Logs;

/// <summary>A failure reason and how often it happened.</summary>
public sealed record ReasonCount(string Reason, int Count);
