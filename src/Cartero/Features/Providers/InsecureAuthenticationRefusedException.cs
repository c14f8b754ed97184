namespace Cartero.Features.Providers;

/// <summary>The SMTP server offered no encryption and the account would have sent its password in clear text, so Cartero stopped before AUTH.</summary>
public sealed class InsecureAuthenticationRefusedException(string message) : Exception(message);
