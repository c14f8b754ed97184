namespace Cartero.Tests.Infrastructure;

/// <summary>Counters of the SMTP peer.</summary>
public sealed record SmtpPeerStats(int Connections, int Messages, int AuthFailures, int Rejected, int Deferred);
