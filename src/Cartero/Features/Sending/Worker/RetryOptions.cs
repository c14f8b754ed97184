namespace Cartero.Features.Sending.Worker;

/// <summary><c>Cartero:Retry</c>: the schedule for transient failures.</summary>
public sealed class RetryOptions
{
    /// <summary>Attempts in all (the first send included) before a transient failure becomes <c>fallido</c>.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed attempt; each further one doubles it.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Random spread (0–1) around each delay, so a burst of failures does not retry in lockstep.</summary>
    public double Jitter { get; set; } = 0.2;
}
