namespace Cartero.Tests.Infrastructure;

/// <summary>A message the SMTP peer accepted, with its envelope and the headers tests look at.</summary>
public sealed record SmtpPeerMessage(string QueueId, string? From, IReadOnlyList<string> To, string? User, bool Secure, string? MessageId, string? Subject, string? CarteroId, string Raw);
