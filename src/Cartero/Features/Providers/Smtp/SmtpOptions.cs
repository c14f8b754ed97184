namespace Cartero.Features.Providers.Smtp;

/// <summary><c>Cartero:Providers:Smtp</c>: how long the SMTP client waits for the server.</summary>
public sealed class SmtpOptions
{
    /// <summary>
    /// Longest wait for a new connection to be ready: TCP connect, greeting, EHLO, STARTTLS and AUTH together. A server
    /// that accepts TCP but never greets fails within this, as a connection failure that pauses the account.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for one answer once connected (MAIL, RCPT, DATA and the final 250).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
