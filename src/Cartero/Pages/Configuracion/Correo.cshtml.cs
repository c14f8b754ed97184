using Cartero.Features.Settings;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Configuracion;

/// <summary>The sender account for admin and support: masked secrets, field-by-field validation, "Probar envío".</summary>
public sealed class CorreoModel(MailSettingsService settings, MailConnectionTest test) : PageModel
{
    public MailSettingsView Current { get; private set; } = null!;

    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    [BindProperty]
    public string? TestTo { get; set; }

    public MailTestOutcome? TestResult { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await settings.GetAsync(cancellationToken);
        Form = SettingsForm.From(Current);
    }

    public async Task<IActionResult> OnPostGuardarAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (view, errors) = await settings.UpdateAsync(Form.ToUpdate(), HttpContext.GetActor(), cancellationToken);
            if (view is null)
            {
                AddErrors(errors, "Form");
                Current = await settings.GetAsync(cancellationToken);
                return Page();
            }
        }
        catch (MailSettingsVersionConflictException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Current = await settings.GetAsync(cancellationToken);
            return Page();
        }

        Message = "Configuración guardada.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostProbarAsync(CancellationToken cancellationToken)
    {
        Current = await settings.GetAsync(cancellationToken);
        var (result, errors) = await test.RunAsync(new MailSettingsTestRequest(TestTo, null), HttpContext.GetActor(), cancellationToken);
        if (result is null)
        {
            AddErrors(errors, null);
        }

        TestResult = result;
        Form = SettingsForm.From(Current);
        return Page();
    }

    private void AddErrors(Dictionary<string, string[]> errors, string? prefix)
    {
        foreach (var (field, messages) in errors)
        {
            var key = field == "to" ? nameof(TestTo) : prefix is null ? field : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, message);
            }
        }
    }

    /// <summary>The form: secrets are write-only (blank keeps the stored one).</summary>
    public sealed class SettingsForm
    {
        public string Provider { get; set; } = "pickup";
        public string? Host { get; set; }
        public int? Port { get; set; }
        public string Security { get; set; } = "auto";
        public string? Username { get; set; }
        public string? Password { get; set; }
        public bool ClearPassword { get; set; }
        public string? ApiKey { get; set; }
        public string? SendGridBaseUrl { get; set; }
        public string? TrustedCertificateSha256 { get; set; }
        public string FromAddress { get; set; } = "";
        public string? FromName { get; set; }
        public string? ReplyTo { get; set; }
        public int Version { get; set; }

        public static SettingsForm From(MailSettingsView v) => new()
        {
            Provider = v.Provider, Host = v.Host, Port = v.Port, Security = v.Security, Username = v.Username,
            SendGridBaseUrl = v.SendGridBaseUrl, TrustedCertificateSha256 = v.TrustedCertificateSha256,
            FromAddress = v.FromAddress, FromName = v.FromName, ReplyTo = v.ReplyTo, Version = v.Version,
        };

        public MailSettingsUpdate ToUpdate() => new()
        {
            Provider = Provider, Host = Host, Port = Port, Security = Security, Username = Username,
            Password = ClearPassword ? "" : string.IsNullOrEmpty(Password) ? null : Password,
            ApiKey = string.IsNullOrEmpty(ApiKey) ? null : ApiKey,
            SendGridBaseUrl = SendGridBaseUrl, TrustedCertificateSha256 = TrustedCertificateSha256,
            FromAddress = FromAddress, FromName = FromName, ReplyTo = ReplyTo, Version = Version,
        };
    }
}
