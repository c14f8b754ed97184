namespace Cartero.Features.Providers;

/// <summary>An attachment whose bytes are read from the attachment store when the message is built.</summary>
public sealed record OutgoingAttachment(string FileName, string ContentType, long Size, string Sha256, Func<CancellationToken, Task<Stream>> OpenAsync);
