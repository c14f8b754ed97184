namespace Cartero.Features.Invoicing;

/// <summary>The invoicing settings as shown to admins: the certificate only by subject and dates, never its file or password.</summary>
public sealed record InvoicingSettingsView(
    bool Configured,
    string? Ruc,
    string? BusinessName,
    string? TradeName,
    string? HeadOfficeAddress,
    string? EstablishmentAddress,
    bool KeepsAccounts,
    string? SpecialTaxpayer,
    bool Rimpe,
    string? WithholdingAgent,
    string? Establishment,
    string? EmissionPoint,
    string Environment,
    long NextSequential,
    SigningCertificateView Certificate,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    int Version)
{
    /// <summary>Every establecimiento with its puntos de emisión; the settings' own pair is the default.</summary>
    public IReadOnlyList<Points.EstablishmentView> Establishments { get; init; } = [];

    /// <summary>The RIDE logo's type and size, or null when there is none.</summary>
    public InvoiceLogoView? Logo { get; init; }
}
