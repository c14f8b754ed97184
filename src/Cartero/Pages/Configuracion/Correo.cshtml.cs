using Cartero.Features.Sending;
using Cartero.Features.Sending.TestSend;
using Cartero.Features.Settings;
using Cartero.Features.Tracking.Bounces;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Configuracion;

/// <summary>
/// The sender account for admin and support: masked secrets, field-by-field validation, "Probar envío". Gerente sees
/// the same page read-only (settings with secrets masked and the recent tests), and every POST refuses gerente.
/// </summary>
public sealed class CorreoModel(MailSettingsService settings, MailConnectionTest test, BounceMailboxReader bounces, CarteroDbContext db, IAuthorizationService authorization) : PageModel
{
    public const int RecentTestCount = 10;

    /// <summary>Admin and soporte change and test; anyone else who may open the page only reads it.</summary>
    public bool CanEdit { get; private set; }

    public IReadOnlyList<RecentTest> RecentTests { get; private set; } = [];

    public MailSettingsView Current { get; private set; } = null!;

    public BounceMailboxStatus? BounceStatus { get; private set; }

    public BounceRunResult? BounceRun { get; private set; }

    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    [BindProperty]
    public string? TestTo { get; set; }

    public MailTestOutcome? TestResult { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Form = SettingsForm.From(Current);
    }

    /// <summary>"Revisar ahora": one pass over the bounce mailbox, instead of waiting for the next interval.</summary>
    public async Task<IActionResult> OnPostRevisarAsync(CancellationToken cancellationToken)
    {
        BounceRun = await bounces.RunOnceAsync(cancellationToken);
        await LoadAsync(cancellationToken);
        Form = SettingsForm.From(Current);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Current = await settings.GetAsync(cancellationToken);
        BounceStatus = await bounces.StatusAsync(cancellationToken);
        RecentTests = await db.Emails.AsNoTracking()
            .Where(e => e.Type == TestMailSender.Type)
            .OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.Id)
            .Take(RecentTestCount)
            .Select(e => new RecentTest(e.Id, e.RequestedAt, e.ToAddress, e.Status, e.OriginatedBy, e.LastError))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The page opens for gerente too; its handlers that change or send something are for admin and soporte only.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        CanEdit = (await authorization.AuthorizeAsync(User, PanelModule.SettingsPolicy)).Succeeded;
        if (!CanEdit && !HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            context.Result = Forbid(IdentityConstants.ApplicationScheme);
            return;
        }

        await next();
    }

    /// <summary>A test send as the history shows it: when, to whom, who asked, and what came of it.</summary>
    public sealed record RecentTest(Guid Id, DateTime RequestedAt, string ToAddress, EmailStatus Status, string OriginatedBy, string? LastError);

    public async Task<IActionResult> OnPostGuardarAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (view, errors) = await settings.UpdateAsync(Form.ToUpdate(), HttpContext.GetActor(), cancellationToken);
            if (view is null)
            {
                AddErrors(errors, "Form");
                await LoadAsync(cancellationToken);
                return Page();
            }
        }
        catch (MailSettingsVersionConflictException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = "Configuración guardada.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostProbarAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
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
            // "bounceMailbox.host" is the form's flat BounceHost.
            var name = field.StartsWith("bounceMailbox.", StringComparison.Ordinal) ? "bounce" + Capitalized(field["bounceMailbox.".Length..]) : field;
            var key = name == "to" ? nameof(TestTo) : prefix is null ? name : $"{prefix}.{Capitalized(name)}";
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, message);
            }
        }
    }

    private static string Capitalized(string s) => $"{char.ToUpperInvariant(s[0])}{s[1..]}";

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
        public bool BounceEnabled { get; set; }
        public string? BounceHost { get; set; }
        public int? BouncePort { get; set; }
        public string BounceSecurity { get; set; } = "auto";
        public string? BounceUsername { get; set; }
        public string? BouncePassword { get; set; }
        public bool BounceClearPassword { get; set; }
        public string? BounceFolder { get; set; }
        public string? BounceReturnPath { get; set; }
        public int Version { get; set; }

        public static SettingsForm From(MailSettingsView v) => new()
        {
            Provider = v.Provider, Host = v.Host, Port = v.Port, Security = v.Security, Username = v.Username,
            SendGridBaseUrl = v.SendGridBaseUrl, TrustedCertificateSha256 = v.TrustedCertificateSha256,
            FromAddress = v.FromAddress, FromName = v.FromName, ReplyTo = v.ReplyTo, Version = v.Version,
            BounceEnabled = v.BounceMailbox.Enabled, BounceHost = v.BounceMailbox.Host, BouncePort = v.BounceMailbox.Port,
            BounceSecurity = v.BounceMailbox.Security, BounceUsername = v.BounceMailbox.Username, BounceFolder = v.BounceMailbox.Folder,
            BounceReturnPath = v.BounceMailbox.ReturnPath,
        };

        public MailSettingsUpdate ToUpdate() => new()
        {
            Provider = Provider, Host = Host, Port = Port, Security = Security, Username = Username,
            Password = ClearPassword ? "" : string.IsNullOrEmpty(Password) ? null : Password,
            ApiKey = string.IsNullOrEmpty(ApiKey) ? null : ApiKey,
            SendGridBaseUrl = SendGridBaseUrl, TrustedCertificateSha256 = TrustedCertificateSha256,
            FromAddress = FromAddress, FromName = FromName, ReplyTo = ReplyTo, Version = Version,
            BounceMailbox = new BounceMailboxUpdate
            {
                Enabled = BounceEnabled, Host = BounceHost, Port = BouncePort, Security = BounceSecurity, Username = BounceUsername,
                Password = BounceClearPassword ? "" : string.IsNullOrEmpty(BouncePassword) ? null : BouncePassword,
                Folder = BounceFolder, ReturnPath = BounceReturnPath,
            },
        };
    }
}
