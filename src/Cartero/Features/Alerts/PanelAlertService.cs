using System.Security.Claims;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Settings;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Alerts;

/// <summary>
/// Warnings shown inside the app: the person's own failed sends (until acknowledged or retried) and, for
/// admins, an open circuit on the sender account or a failure rate above the threshold in the last hour.
/// </summary>
public sealed class PanelAlertService(
    CarteroDbContext db,
    IMailAccountSource accounts,
    AccountCircuitBreaker circuit,
    TimeProvider time,
    IOptions<AlertOptions> options)
{
    public async Task<PanelAlerts> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = user.FindFirstValue(ClaimTypes.Name);
        if (name is null)
        {
            return new PanelAlerts([], null, null);
        }

        var now = time.GetUtcNow();
        var seenUntil = await db.Users.Where(u => u.UserName == name).Select(u => u.AlertsSeenUntil).FirstOrDefaultAsync(cancellationToken)
            ?? DateTime.MinValue;
        var since = now.UtcDateTime.AddDays(-7);
        var floor = seenUntil > since ? seenUntil : since;
        var mine = await db.Emails.AsNoTracking()
            .Where(e => e.OriginatedBy == name && e.Status == EmailStatus.Fallido && e.LastAttemptAt > floor)
            .OrderByDescending(e => e.LastAttemptAt)
            .Take(5)
            .Select(e => new FailedSendAlert(e.Id, e.ToAddress, e.Subject, e.LastError) { Type = e.Type, EntityType = e.EntityType, EntityId = e.EntityId })
            .ToListAsync(cancellationToken);

        string? paused = null;
        string? rate = null;
        if (user.IsInRole(CarteroRoles.Admin))
        {
            var account = await accounts.GetCurrentAsync(cancellationToken);
            if (circuit.GetOpen(account.Key) is { } open)
            {
                paused = $"La cuenta de envío ({account.Provider}) está en pausa desde {Platform.Web.EcuadorTime.Format(open.OpenedAt.UtcDateTime)}; " +
                    $"se comprueba de nuevo a las {Platform.Web.EcuadorTime.Format(open.OpenUntil.UtcDateTime)} y el envío se reanuda solo cuando responda: {open.Reason}";
            }

            var hourAgo = now.UtcDateTime.AddHours(-1);
            var lastHour = await db.Emails.AsNoTracking()
                .Where(e => e.LastAttemptAt >= hourAgo)
                .GroupBy(_ => 1)
                .Select(g => new { Total = g.Count(), Failed = g.Count(e => e.Status == EmailStatus.Fallido) })
                .FirstOrDefaultAsync(cancellationToken);
            if (lastHour is { } h && h.Total >= options.Value.MinimumVolume && (double)h.Failed / h.Total > options.Value.FailureRateThreshold)
            {
                rate = $"En la última hora fallaron {h.Failed} de {h.Total} envíos ({(double)h.Failed / h.Total:P0}), por encima del umbral de {options.Value.FailureRateThreshold:P0}.";
            }
        }

        var invoicing = user.IsInRole(CarteroRoles.Admin) ? await InvoicingNoticesAsync(now.UtcDateTime, cancellationToken) : [];
        return new PanelAlerts(mine, paused, rate) { Invoicing = invoicing };
    }

    private async Task<List<string>> InvoicingNoticesAsync(DateTime now, CancellationToken cancellationToken)
    {
        var notices = new List<string>();
        var expiry = await db.InvoicingSettings.AsNoTracking().OrderBy(x => x.Id).Select(s => s.CertificateNotAfter).FirstOrDefaultAsync(cancellationToken);
        if (expiry is { } end)
        {
            var days = (int)Math.Floor((end - now).TotalDays);
            if (end <= now)
            {
                notices.Add($"El certificado de firma electrónica venció el {Platform.Web.EcuadorTime.Format(end)}: no se pueden emitir facturas. Cargue el nuevo archivo .p12 en Configuración → Facturación.");
            }
            else if (days < InvoicingSettingsService.WarnDaysBeforeExpiry)
            {
                notices.Add($"El certificado de firma electrónica vence en {days} días ({Platform.Web.EcuadorTime.Format(end)}). Renuévelo con su entidad de certificación y cárguelo en Configuración → Facturación.");
            }
        }

        var stuck = await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Devuelta || i.Status == InvoiceStatus.NoAutorizada || (i.Status == InvoiceStatus.Generada && i.LastError != null))
            .CountAsync(cancellationToken);
        if (stuck > 0)
        {
            notices.Add($"{stuck} factura(s) esperan una acción: devueltas o no autorizadas por el SRI, o sin poder firmarse. Revíselas en Facturas.");
        }

        return notices;
    }

    /// <summary>Hides the person's current failure warnings (new failures will show again).</summary>
    public async Task AcknowledgeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = user.FindFirstValue(ClaimTypes.Name);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Users.Where(u => u.UserName == name)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AlertsSeenUntil, now), cancellationToken);
    }
}
