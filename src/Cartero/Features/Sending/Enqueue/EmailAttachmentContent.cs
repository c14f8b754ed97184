namespace Cartero.Features.Sending.Enqueue;

/// <summary>An attachment handed over by a caller inside the app, as bytes (the API's requests carry base64 instead).</summary>
public sealed record EmailAttachmentContent(string FileName, string ContentType, byte[] Content);
