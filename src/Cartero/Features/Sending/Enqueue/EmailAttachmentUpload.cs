namespace Cartero.Features.Sending.Enqueue;

/// <summary>An attachment sent inline in the request, base64-encoded.</summary>
public sealed record EmailAttachmentUpload(string? FileName, string? ContentType, string? ContentBase64);
