namespace Cartero.Features.Statistics;

/// <summary>
/// How many emails requested on one Ecuadorian day, of one type, are in one state now, and how many times
/// emails of that day and type entered that state. Kept by database triggers (through <see cref="StatisticsChange"/>)
/// so statistics never have to read the send log itself.
/// </summary>
public sealed class DailySendCount
{
    public DateOnly Day { get; set; }
    public string Type { get; set; } = "";
    public string Status { get; set; } = "";
    public long Count { get; set; }
    public long Transitions { get; set; }
}
