namespace Cartero.Features.Sending;

/// <summary>Attachment metadata kept on the log row; the bytes live in the content-addressed attachment store.</summary>
public sealed class EmailAttachmentInfo
{
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
}
