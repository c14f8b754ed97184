namespace Cartero.Features.Logs;

/// <summary>Attachment metadata as the API shows it.</summary>
public sealed record EmailAttachmentDto(string FileName, string ContentType, long Size, string Sha256);
