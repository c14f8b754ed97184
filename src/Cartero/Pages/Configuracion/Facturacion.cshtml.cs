using Cartero.Features.Invoicing;
using Cartero.Features.Invoicing.Points;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Configuracion;

/// <summary>The issuer, establishment, ambiente, secuencial and signing certificate, for admins; the certificate is write-only.</summary>
public sealed class FacturacionModel(InvoicingSettingsService settings, IssuingPointService points) : PageModel
{
    public const long MaxCertificateBytes = 64 * 1024;

    public InvoicingSettingsView Current { get; private set; } = null!;

    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? Certificate { get; set; }

    [BindProperty]
    public IFormFile? Logo { get; set; }

    [BindProperty]
    public EstablishmentForm Est { get; set; } = new();

    [BindProperty]
    public PointForm Pto { get; set; } = new();

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

        string? logo = null;
        if (Logo is { Length: > 0 })
        {
            if (Logo.Length > InvoiceLogo.MaxBytes)
            {
                ModelState.AddModelError(nameof(Logo), $"El logo pesa {Logo.Length / 1024} KB; el máximo es {InvoiceLogo.MaxBytes / 1024} KB. Redúzcalo y vuelva a cargarlo.");
            }
            else
            {
                using var buffer = new MemoryStream();
                await Logo.CopyToAsync(buffer, cancellationToken);
                logo = Convert.ToBase64String(buffer.ToArray());
            }
        }

        if (!ModelState.IsValid && (ModelState.ContainsKey(nameof(Certificate)) || ModelState.ContainsKey(nameof(Logo))))
        {
            Current = await settings.GetAsync(cancellationToken);
            return Page();
        }

        try
        {
            var (view, errors) = await settings.UpdateAsync(Form.ToUpdate(certificate) with { LogoBase64 = logo, RemoveLogo = Form.RemoveLogo }, HttpContext.GetActor(), cancellationToken);
            if (view is null)
            {
                foreach (var (field, messages) in errors)
                {
                    var key = field switch
                    {
                        "certificateBase64" => nameof(Certificate),
                        "logoBase64" => nameof(Logo),
                        _ => $"Form.{char.ToUpperInvariant(field[0])}{field[1..]}",
                    };
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

    public async Task<IActionResult> OnPostEstablecimientoAsync(CancellationToken cancellationToken)
    {
        var code = Est.Code?.Trim() ?? "";
        var errors = await points.SaveEstablishmentAsync(code, new EstablishmentUpdate { Name = Est.Name, Address = Est.Address }, HttpContext.GetActor(), cancellationToken);
        if (errors.Count > 0)
        {
            return await PageWithErrorsAsync(nameof(Est), errors, cancellationToken);
        }

        Message = $"Establecimiento {code} guardado.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPuntoAsync(CancellationToken cancellationToken)
    {
        var establishment = Pto.Establishment?.Trim() ?? "";
        var code = Pto.Code?.Trim() ?? "";
        var update = new IssuingPointUpdate
        {
            Description = Pto.Description,
            RideLayout = Pto.RideLayout,
            Users = (Pto.Users ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            NextSequential = Pto.NextSequential,
        };
        var errors = await points.SavePointAsync(establishment, code, update, HttpContext.GetActor(), cancellationToken);
        if (errors.Count > 0)
        {
            return await PageWithErrorsAsync(nameof(Pto), errors, cancellationToken);
        }

        Message = $"Punto de emisión {establishment}-{code} guardado.";
        return RedirectToPage();
    }

    private async Task<IActionResult> PageWithErrorsAsync(string prefix, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError($"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
            }
        }

        Current = await settings.GetAsync(cancellationToken);
        Form = SettingsForm.From(Current);
        return Page();
    }

    /// <summary>Adds or changes an establecimiento (the code selects which).</summary>
    public sealed class EstablishmentForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Address { get; set; }
    }

    /// <summary>Adds or changes a punto de emisión; <see cref="Users"/> are user names separated by commas.</summary>
    public sealed class PointForm
    {
        public string? Establishment { get; set; }
        public string? Code { get; set; }
        public string? Description { get; set; }
        public string RideLayout { get; set; } = RideLayouts.A4;
        public string? Users { get; set; }
        public long? NextSequential { get; set; }
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
        public bool RemoveLogo { get; set; }
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
