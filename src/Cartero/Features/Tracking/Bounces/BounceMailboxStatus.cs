namespace Cartero.Features.Tracking.Bounces;

/// <summary>The bounce job's last run, as stored in <c>estado_buzon_rebotes</c> (one row) so every instance shows the same.</summary>
public sealed class BounceMailboxStatus
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public DateTime? LastRunAt { get; set; }
    public bool LastRunSucceeded { get; set; }
    public int Read { get; set; }
    public int HardBounces { get; set; }
    public int SoftBounces { get; set; }
    public int AutoReplies { get; set; }
    public int Unmatched { get; set; }
    /// <summary>Messages left in the folder for the next run (the database could not take them).</summary>
    public int Deferred { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastErrorAt { get; set; }
}
