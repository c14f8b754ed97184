namespace Cartero.Features.Sending.Attachments;

/// <summary>An attachment that passed every check, decoded.</summary>
public sealed record ValidAttachment(string FileName, string ContentType, byte[] Content);
