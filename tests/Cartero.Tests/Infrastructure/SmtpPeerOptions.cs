namespace Cartero.Tests.Infrastructure;

/// <summary>How to start the SMTP peer: optional AUTH, optional TLS (PEM files), fault timing.</summary>
public sealed record SmtpPeerOptions
{
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? TlsKeyFile { get; init; }
    public string? TlsCertificateFile { get; init; }
    /// <summary>Implicit TLS (like port 465) instead of STARTTLS.</summary>
    public bool ImplicitTls { get; init; }
    /// <summary>How many times a <c>diferido451-*</c> address is deferred before it is accepted.</summary>
    public int DeferTimes { get; init; } = 1;
    /// <summary>Count messages without keeping them (throughput tests).</summary>
    public bool Discard { get; init; }
    /// <summary>How long a <c>lento-*</c> recipient waits for its RCPT answer.</summary>
    public TimeSpan? Slow { get; init; }
    /// <summary>A file the peer appends each accepted message's <c>Message-ID</c> to, one a line, before it answers 250.</summary>
    public string? RecordFile { get; init; }
    /// <summary>Listen on this port instead of a free one (a server that comes up where the app already points).</summary>
    public int? Port { get; init; }
    /// <summary>Accept TCP connections and never send the greeting (a hung MTA).</summary>
    public bool NoGreeting { get; init; }
    /// <summary>Leave SIZE out of the EHLO answer (MailKit then does not measure the message before DATA).</summary>
    public bool NoSize { get; init; }
    /// <summary>Leave 8BITMIME out of the EHLO answer (the client must encode every part to 7 bits).</summary>
    public bool No8BitMime { get; init; }
}
