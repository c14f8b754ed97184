namespace Cartero.Features.Invoicing;

/// <summary>What admins may see of the signing certificate: whether there is one, whose, and how long it lasts.</summary>
public sealed record SigningCertificateView(bool Configured, string? Subject, string? Issuer, DateTime? NotAfter, int? DaysLeft, bool ExpiresSoon);
