namespace Cartero.Features.Tracking.Bounces;

/// <summary>What a message in the bounce mailbox says about an email Cartero sent.</summary>
public enum BounceKind
{
    /// <summary>Not a delivery report Cartero understands (or not one at all).</summary>
    Unrecognized,
    /// <summary>Permanent failure (5.x.x): the address does not take mail.</summary>
    Hard,
    /// <summary>Temporary failure or delay (4.x.x): the receiving side is still trying.</summary>
    Soft,
    /// <summary>An automatic answer (out of office, ticket acknowledgements): the mail did arrive.</summary>
    AutoReply,
    /// <summary>A positive report (delivered, relayed, expanded).</summary>
    Delivered,
}
