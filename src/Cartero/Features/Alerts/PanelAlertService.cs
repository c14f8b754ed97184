using System.Security.Claims;
using Cartero.Features.Invoicing;
using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Worker;
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
    IOptions<AlertOptions> options,
    InvoiceDeliveryWatch deliveryWatch)
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
        if (!user.IsInRole(CarteroRoles.Admin) && !user.IsInRole(CarteroRoles.Gerente) && !user.IsInRole(CarteroRoles.Soporte))
        {
            mine = await ForCounterAsync(mine, cancellationToken);
        }

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

        if (await deliveryWatch.StuckNoticeAsync(cancellationToken) is { } stuckAtSri)
        {
            notices.Add(stuckAtSri);
        }

        return notices;
    }

    /// <summary>
    /// A seller cannot open the send log (<c>/correos/{id}</c>) and should not have to read an SMTP reply: their warning
    /// links to the sale the mail was about, where they retry or correct it, and says what happened in plain Spanish.
    /// </summary>
    private async Task<List<FailedSendAlert>> ForCounterAsync(List<FailedSendAlert> failures, CancellationToken cancellationToken)
    {
        var saleIds = failures.Where(f => f.EntityType == Store.SaleMailService.EntityType).Select(f => Guid.TryParse(f.EntityId, out var id) ? id : (Guid?)null)
            .OfType<Guid>().ToList();
        var invoiceIds = failures.Select(f => Guid.TryParse(f.InvoiceId, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
        var sales = await db.Sales.AsNoTracking().Where(s => saleIds.Contains(s.Id) || (s.InvoiceId != null && invoiceIds.Contains(s.InvoiceId.Value)))
            .Select(s => new { s.Id, s.InvoiceId }).ToListAsync(cancellationToken);
        return [.. failures.Select(f =>
        {
            var sale = f.EntityType == Store.SaleMailService.EntityType
                ? sales.FirstOrDefault(s => s.Id.ToString() == f.EntityId)
                : f.InvoiceId is { } invoice ? sales.FirstOrDefault(s => s.InvoiceId.ToString() == invoice) : null;
            return f with { Link = sale is null ? null : $"/tienda/ventas/{sale.Id}", Reason = Store.SaleMailService.Explain(EmailStatus.Fallido, f.Error) };
        })];
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
