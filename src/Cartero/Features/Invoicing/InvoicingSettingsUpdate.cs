namespace Cartero.Features.Invoicing;

/// <summary>
/// Body of <c>PUT /api/v1/settings/invoicing</c> and of the panel's form. <see cref="CertificateBase64"/> (the .p12 file)
/// and <see cref="CertificatePassword"/> are write-only: omit them to keep the stored certificate.
/// </summary>
public sealed record InvoicingSettingsUpdate
{
    public string? Ruc { get; init; }
    public string? BusinessName { get; init; }
    public string? TradeName { get; init; }
    public string? HeadOfficeAddress { get; init; }
    public string? EstablishmentAddress { get; init; }
    public bool KeepsAccounts { get; init; }
    public string? SpecialTaxpayer { get; init; }
    public bool Rimpe { get; init; }
    public string? WithholdingAgent { get; init; }
    public string? Establishment { get; init; }
    public string? EmissionPoint { get; init; }
    /// <summary>"pruebas" or "produccion".</summary>
    public string? Environment { get; init; }
    /// <summary>Raises the next secuencial of the establecimiento and punto de emisión (never lowers it: numbers are not reused).</summary>
    public long? NextSequential { get; init; }
    public string? CertificateBase64 { get; init; }
    public string? CertificatePassword { get; init; }
    /// <summary>The issuer's logo for the RIDE: a PNG or JPEG file in base64, at most 256 KB. Omit to keep the stored one.</summary>
    public string? LogoBase64 { get; init; }
    /// <summary>Removes the stored logo (ignored when <see cref="LogoBase64"/> brings a new one).</summary>
    public bool RemoveLogo { get; init; }
    /// <summary>The version the editor read; a mismatch is a conflict instead of a silent overwrite.</summary>
    public int? Version { get; init; }
}
