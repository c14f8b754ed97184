namespace Cartero.Features.Sending;

/// <summary>What the event row of a transition records besides the new state.</summary>
public sealed record TransitionDetail(
    string? Detail = null,
    int? Code = null,
    string? Provider = null,
    int? DurationMs = null,
    string? Actor = null,
    string? MessageSha256 = null);
