namespace Cartero.Features.Statistics;

/// <summary>One day of the period.</summary>
public sealed record DailyCount(DateOnly Day, int Total, int Sent, int Failed);
