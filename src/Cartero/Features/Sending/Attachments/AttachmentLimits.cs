namespace Cartero.Features.Sending.Attachments;

/// <summary><c>Cartero:Attachments</c>: what an email may carry.</summary>
public sealed class AttachmentLimits
{
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
    public long MaxTotalBytes { get; set; } = 20 * 1024 * 1024;
    public int MaxCount { get; set; } = 10;

    /// <summary>An array so configuration replaces the list instead of adding to it.</summary>
    public string[] AllowedContentTypes { get; set; } =
    [
        "application/pdf", "application/xml", "text/xml", "image/png", "image/jpeg", "text/plain", "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ];
}
