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
    Unknown,
}
