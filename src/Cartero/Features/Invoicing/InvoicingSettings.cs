namespace Cartero.Features.Invoicing;

/// <summary>
/// The single row of <c>configuracion_facturacion</c>: the issuer, where it issues from, the ambiente and the
/// signing certificate. The PKCS#12 file and its password are stored encrypted by the secret protector.
/// </summary>
public sealed class InvoicingSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required string Ruc { get; set; }
    public required string BusinessName { get; set; }
    public string? TradeName { get; set; }
    public required string HeadOfficeAddress { get; set; }
    public string? EstablishmentAddress { get; set; }
    public bool KeepsAccounts { get; set; }
    public string? SpecialTaxpayer { get; set; }
    public bool Rimpe { get; set; }
    public string? WithholdingAgent { get; set; }
    public required string Establishment { get; set; }
    public required string EmissionPoint { get; set; }
    public required string Environment { get; set; }
    public string? CertificateEncrypted { get; set; }
    public string? CertificatePasswordEncrypted { get; set; }
    public string? CertificateSubject { get; set; }
    public string? CertificateIssuer { get; set; }
    public DateTime? CertificateNotAfter { get; set; }
    /// <summary>The issuer's logo printed on the RIDE (PNG or JPEG, checked on upload); not a secret.</summary>
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public int Version { get; set; }
}
