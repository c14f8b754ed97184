using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Tracking;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Configuracion;

/// <summary>
/// Tracking for admin and support: the SendGrid Event Webhook (switch, verification key, tolerance), the open pixel per
/// email type, the webhook inbox with what each batch did and a "volver a aplicar" action, and the reports waiting for
/// their email to be sent.
/// </summary>
public sealed class SeguimientoModel(TrackingSettingsService settings, WebhookInbox inbox, WaitingReportList waiting, IAuditTrail audit, IServiceProvider services) : PageModel
{
    public TrackingSettingsView Current { get; private set; } = null!;

    public IReadOnlyList<WebhookInboxItem> Batches { get; private set; } = [];

    /// <summary>The oldest reports waiting (at most <see cref="WaitingShown"/>) and how many wait in all.</summary>
    public IReadOnlyList<WaitingReportView> Waiting { get; private set; } = [];

    public int WaitingTotal { get; private set; }

    public const int WaitingShown = 100;

    [BindProperty]
    public bool WebhookEnabled { get; set; }

    [BindProperty]
    public string? PublicKey { get; set; }

    [BindProperty]
    public int ToleranceSeconds { get; set; } = 300;

    [BindProperty]
    public bool PixelEnabled { get; set; }

    [BindProperty]
    public string? PixelOffTypes { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        WebhookEnabled = Current.SendGridWebhookEnabled;
        PublicKey = Current.SendGridPublicKey;
        ToleranceSeconds = Current.SendGridToleranceSeconds;
        PixelEnabled = Current.PixelEnabled;
        PixelOffTypes = string.Join(", ", Current.PixelOffTypes);
    }

    public async Task<IActionResult> OnPostGuardarAsync(CancellationToken cancellationToken)
    {
        var types = (PixelOffTypes ?? "").Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (view, errors) = await settings.UpdateAsync(new TrackingSettingsUpdate(WebhookEnabled, PublicKey ?? "", ToleranceSeconds, PixelEnabled, types),
            HttpContext.GetActor(), cancellationToken);
        if (view is null)
        {
            foreach (var (field, messages) in errors)
            {
                ModelState.AddModelError(field switch
                {
                    "sendGridPublicKey" => nameof(PublicKey),
                    "sendGridToleranceSeconds" => nameof(ToleranceSeconds),
                    _ => nameof(PixelOffTypes),
                }, messages[0]);
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        services.GetRequiredService<OpenPixel>().Invalidate();
        Message = "Configuración de seguimiento guardada.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReaplicarAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await inbox.ApplyAsync(id, cancellationToken) is not { } result)
        {
            Message = "No hay un lote verificado con ese id.";
            return RedirectToPage();
        }

        var actor = HttpContext.GetActor();
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ReplayWebhook, id.ToString(), new WebhookReplayDetails(result.Describe())), cancellationToken);
        Message = $"Lote aplicado de nuevo: {result.Describe()}.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Current = await settings.GetAsync(cancellationToken);
        Batches = await inbox.RecentAsync(50, cancellationToken);
        (Waiting, WaitingTotal) = await waiting.ListAsync(WaitingShown, cancellationToken);
    }
}
