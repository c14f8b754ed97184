namespace Cartero.Features.Tracking;

/// <summary>What a receiving side reported about an email; stored as the Spanish codes of <see cref="DeliveryReportCodes"/>.</summary>
public enum DeliveryReportKind
{
    Delivered,
    Opened,
    BouncedHard,
    DeferredSoft,
    Dropped,
    SpamReport,
    Unsubscribe,
    Click,
    AutoReply,
    /// <summary>The recipient subscribed again (SendGrid <c>group_resubscribe</c>): lifts a suppression an unsubscribe put.</summary>
    Resubscribe,
    Unknown,
}
