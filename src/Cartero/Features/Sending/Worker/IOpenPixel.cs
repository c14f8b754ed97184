namespace Cartero.Features.Sending.Worker;

/// <summary>The open-tracking pixel (Features/Tracking): the image URL to put in an email's HTML, or null when that email carries none.</summary>
public interface IOpenPixel
{
    string? UrlFor(EmailLogEntry entry);
}
