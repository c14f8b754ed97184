namespace Cartero.Features.Statistics;

/// <summary>
/// One change to the daily counts, appended by the triggers on <c>log_envio_correo</c> and its events in the
/// transaction that changed the email. Appending (instead of updating a counter row) means concurrent
/// workers never wait on each other; <see cref="StatisticsCompactor"/> folds the changes into the daily tables.
/// </summary>
public sealed class StatisticsChange
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public string? Type { get; set; }
    public string? Status { get; set; }
    public string? Domain { get; set; }
    public string? Reason { get; set; }
    public int Count { get; set; }
    public int Transitions { get; set; }
    public int Failed { get; set; }
    public int Sent { get; set; }
    public long DurationMs { get; set; }
    public int MaxDurationMs { get; set; }
}
