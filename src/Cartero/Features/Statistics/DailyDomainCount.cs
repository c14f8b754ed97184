namespace Cartero.Features.Statistics;

/// <summary>Per Ecuadorian day and recipient domain: emails now failed or bounced, and accepted attempts with their durations.</summary>
public sealed class DailyDomainCount
{
    public DateOnly Day { get; set; }
    public string Domain { get; set; } = "";
    public long Failed { get; set; }
    public long Sent { get; set; }
    public long TotalDurationMs { get; set; }
    public int MaxDurationMs { get; set; }
}
