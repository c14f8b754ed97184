using Cartero.Features.Invoicing;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Configuracion;

/// <summary>The issuer, establishment, ambiente, secuencial and signing certificate, for admins; the certificate is write-only.</summary>
public sealed class FacturacionModel(InvoicingSettingsService settings) : PageModel
{
    public const long MaxCertificateBytes = 64 * 1024;

    public InvoicingSettingsView Current { get; private set; } = null!;

    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? Certificate { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await settings.GetAsync(cancellationToken);
        Form = SettingsForm.From(Current);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        string? certificate = null;
        if (Certificate is { Length: > 0 })
        {
            if (Certificate.Length > MaxCertificateBytes)
            {
                ModelState.AddModelError(nameof(Certificate), "El archivo es demasiado grande para ser un certificado .p12 (máximo 64 KB).");
            }
            else
            {
                using var buffer = new MemoryStream();
                await Certificate.CopyToAsync(buffer, cancellationToken);
                certificate = Convert.ToBase64String(buffer.ToArray());
            }
        }

        if (!ModelState.IsValid && ModelState.ContainsKey(nameof(Certificate)))
        {
            Current = await settings.GetAsync(cancellationToken);
            return Page();
        }

        try
        {
            var (view, errors) = await settings.UpdateAsync(Form.ToUpdate(certificate), HttpContext.GetActor(), cancellationToken);
            if (view is null)
            {
                foreach (var (field, messages) in errors)
                {
                    var key = field == "certificateBase64" ? nameof(Certificate) : $"Form.{char.ToUpperInvariant(field[0])}{field[1..]}";
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(key, message);
                    }
                }

                Current = await settings.GetAsync(cancellationToken);
                return Page();
            }
        }
        catch (InvoicingSettingsVersionConflictException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Current = await settings.GetAsync(cancellationToken);
            return Page();
        }

        Message = "Configuración de facturación guardada.";
        return RedirectToPage();
    }

    /// <summary>The form; the certificate password is write-only and only needed with a new file.</summary>
    public sealed class SettingsForm
    {
        public string? Ruc { get; set; }
        public string? BusinessName { get; set; }
        public string? TradeName { get; set; }
        public string? HeadOfficeAddress { get; set; }
        public string? EstablishmentAddress { get; set; }
        public bool KeepsAccounts { get; set; }
        public string? SpecialTaxpayer { get; set; }
        public bool Rimpe { get; set; }
        public string? WithholdingAgent { get; set; }
        public string? Establishment { get; set; } = "001";
        public string? EmissionPoint { get; set; } = "001";
        public string Environment { get; set; } = "pruebas";
        public long? NextSequential { get; set; }
        public string? CertificatePassword { get; set; }
        public int Version { get; set; }

        public static SettingsForm From(InvoicingSettingsView v) => new()
        {
            Ruc = v.Ruc, BusinessName = v.BusinessName, TradeName = v.TradeName, HeadOfficeAddress = v.HeadOfficeAddress,
            EstablishmentAddress = v.EstablishmentAddress, KeepsAccounts = v.KeepsAccounts, SpecialTaxpayer = v.SpecialTaxpayer,
            Rimpe = v.Rimpe, WithholdingAgent = v.WithholdingAgent, Establishment = v.Establishment ?? "001",
            EmissionPoint = v.EmissionPoint ?? "001", Environment = v.Environment, NextSequential = v.NextSequential, Version = v.Version,
        };

        public InvoicingSettingsUpdate ToUpdate(string? certificate) => new()
        {
            Ruc = Ruc?.Trim(), BusinessName = BusinessName, TradeName = TradeName, HeadOfficeAddress = HeadOfficeAddress,
            EstablishmentAddress = EstablishmentAddress, KeepsAccounts = KeepsAccounts, SpecialTaxpayer = SpecialTaxpayer?.Trim(),
            Rimpe = Rimpe, WithholdingAgent = WithholdingAgent?.Trim(), Establishment = Establishment?.Trim(), EmissionPoint = EmissionPoint?.Trim(),
            Environment = Environment, NextSequential = NextSequential, CertificateBase64 = certificate,
            CertificatePassword = string.IsNullOrEmpty(CertificatePassword) ? null : CertificatePassword, Version = Version,
        };
    }
}
