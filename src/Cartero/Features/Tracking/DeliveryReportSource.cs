namespace Cartero.Features.Tracking;

/// <summary>Where a report came from: the provider's signed webhook, a delivery status notification read over IMAP, or the open pixel.</summary>
public enum DeliveryReportSource
{
    Webhook,
    Dsn,
    Pixel,
}
