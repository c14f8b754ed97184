namespace Cartero.Features.Sending.Attachments;

/// <summary>
/// An attachment as a request brings it: name, declared type, and its content as base64 (the API) or as
/// <paramref name="Content"/> bytes (callers inside the app); bytes, when given, are used and the base64 is ignored.
/// </summary>
public sealed record IncomingAttachment(string? FileName, string? ContentType, string? ContentBase64, byte[]? Content = null);
