namespace Cartero.Features.Statistics;

/// <summary>Per Ecuadorian day: how many emails are failed now with this reason (the first characters of <c>mensaje_error</c>).</summary>
public sealed class DailyFailureReason
{
    /// <summary>Reasons are grouped by their beginning, where servers put the code and the gist.</summary>
    public const int MaxLength = 80;

    public DateOnly Day { get; set; }
    public string Reason { get; set; } = "";
    public long Count { get; set; }
}
