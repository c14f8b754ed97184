namespace Cartero.Features.Providers;

/// <summary>Transport security of the SMTP connection, as an admin chooses it.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}
