namespace Cartero.Features.Tracking.Bounces;

/// <summary><c>Cartero:Bounces</c>: how often the bounce mailbox is read and how much per pass.</summary>
public sealed class BounceMailboxOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>At most this many messages per pass, so one pass never holds the mailbox for long.</summary>
    public int BatchSize { get; set; } = 500;
}
