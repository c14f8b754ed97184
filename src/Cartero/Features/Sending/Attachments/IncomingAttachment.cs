namespace Cartero.Features.Sending.Attachments;

/// <summary>An attachment as a request brings it: name, declared type, base64 content.</summary>
public sealed record IncomingAttachment(string? FileName, string? ContentType, string? ContentBase64);
