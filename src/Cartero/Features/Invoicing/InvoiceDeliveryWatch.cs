using Cartero.Features.Sending;
using Cartero.Features.Tracking;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Invoicing;

/// <summary>
/// The delivery obligation, watched: an authorised invoice must reach its buyer (XML and RIDE by email). It counts as not
/// delivered at once when there is no address, the compliance check refused the mail, or the mail failed, bounced or was
/// cancelled; and after <see cref="InvoiceWatchOptions.DeliveryDeadline"/> when no report confirms delivery. With
/// tracking on (SendGrid's webhook, or the open pixel with a public address) only <c>entregado</c> or <c>abierto</c>
/// confirm it; with tracking off nothing can report more than <c>enviado</c>, so the receiving server's acceptance counts.
/// </summary>
public sealed class InvoiceDeliveryWatch(CarteroDbContext db, IOptions<InvoiceWatchOptions> options, IOptions<TrackingOptions> tracking, TimeProvider time)
{
    public const int MaxRows = 500;

    /// <summary>Whether delivery reports can arrive at all, so that <c>enviado</c> alone is not taken as delivered.</summary>
    public async Task<bool> TrackingOnAsync(CancellationToken cancellationToken)
    {
        var s = await db.TrackingSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (s is null)
        {
            return false;
        }

        var pixelTypes = s.PixelOffTypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return s.SendGridWebhookEnabled
            || (s.PixelEnabled && !string.IsNullOrWhiteSpace(tracking.Value.PublicBaseUrl) && !pixelTypes.Contains("factura", StringComparer.Ordinal));
    }

    /// <summary>The undelivered invoices, oldest authorisation first; <paramref name="reason"/> filters by one reason.</summary>
    public async Task<IReadOnlyList<UndeliveredInvoice>> ListAsync(string? reason, Guid? invoiceId, CancellationToken cancellationToken)
    {
        var trackingOn = await TrackingOnAsync(cancellationToken);
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.DeliveryDeadline;
        var rows = (
                from i in db.Invoices.AsNoTracking()
                where i.Status == InvoiceStatus.Autorizada && (invoiceId == null || i.Id == invoiceId)
                // The deadline runs from when Cartero learnt of the autorización (its own clock), not the SRI's timestamp.
                let authorisedHere = db.InvoiceEvents.Where(ev => ev.InvoiceId == i.Id && ev.Status == InvoiceStatus.Autorizada).Min(ev => (DateTime?)ev.OccurredAt)
                join e in db.Emails.AsNoTracking() on i.EmailId equals (Guid?)e.Id into mails
                from e in mails.DefaultIfEmpty()
                where i.MailStatus == InvoiceMailStatus.SinCorreo || i.MailStatus == InvoiceMailStatus.Rechazado
                    || (e != null && (e.Status == EmailStatus.Fallido || e.Status == EmailStatus.Rebotado || e.Status == EmailStatus.Cancelado))
                    || ((authorisedHere ?? i.AuthorizedAt) < cutoff && (e == null
                        || !(e.Status == EmailStatus.Entregado || e.Status == EmailStatus.Abierto || (!trackingOn && e.Status == EmailStatus.Enviado))))
                orderby i.AuthorizedAt, i.Id
                select new
                {
                    i.Id, i.Establishment, i.EmissionPoint, i.Sequential, i.IssueDate, i.AuthorizedAt, i.BuyerName, i.BuyerEmail, i.Total,
                    i.OriginatedBy, i.MailStatus, i.EmailId, EmailStatus = e == null ? (EmailStatus?)null : e.Status, EmailError = e == null ? null : e.LastError,
                })
            .AsAsyncEnumerable();

        // The reason is worked out here, so the cut at MaxRows comes after the filter: asking for "rebotado" never returns
        // nothing because 500 older invoices without an address came first.
        var list = new List<UndeliveredInvoice>();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            var u = new UndeliveredInvoice(r.Id, $"{r.Establishment}-{r.EmissionPoint}-{r.Sequential:000000000}", r.IssueDate, r.AuthorizedAt, r.BuyerName,
                r.BuyerEmail, r.Total, r.OriginatedBy, r.MailStatus, r.EmailId, r.EmailStatus?.ToCode(), r.EmailError, ReasonOf(r.MailStatus, r.EmailStatus));
            if (reason is null || u.Reason == reason)
            {
                list.Add(u);
                if (list.Count == MaxRows)
                {
                    break;
                }
            }
        }

        return list;
    }

    /// <summary>Why this invoice is not delivered, or null when it is (or is not authorised).</summary>
    public async Task<UndeliveredInvoice?> ForInvoiceAsync(Guid invoiceId, CancellationToken cancellationToken) =>
        (await ListAsync(null, invoiceId, cancellationToken)).FirstOrDefault();

    /// <summary>How many invoices have been in enviada_sri or recibida longer than <see cref="InvoiceWatchOptions.StuckAfter"/>.</summary>
    public async Task<int> StuckCountAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.StuckAfter;
        // The time it entered its current state: the transition event into it (notes keep the state and do not count).
        return await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.EnviadaSri || i.Status == InvoiceStatus.Recibida)
            .Where(i => db.InvoiceEvents.Where(e => e.InvoiceId == i.Id && e.Status == i.Status && e.PreviousStatus != i.Status)
                .Max(e => (DateTime?)e.OccurredAt) < cutoff)
            .CountAsync(cancellationToken);
    }

    /// <summary>The admin alert for stuck invoices, or null.</summary>
    public async Task<string?> StuckNoticeAsync(CancellationToken cancellationToken)
    {
        var stuck = await StuckCountAsync(cancellationToken);
        var after = options.Value.StuckAfter;
        var span = after.TotalHours >= 1 ? $"{after.TotalHours:0.#} h" : $"{after.TotalMinutes:0} min";
        return stuck == 0
            ? null
            : $"{stuck} factura(s) llevan más de {span} en enviada_sri o recibida sin respuesta del SRI. Revise la conexión con el SRI y el historial de cada una en Facturas (estado enviada_sri o recibida); no las emita de nuevo: el SRI puede tenerlas.";
    }

    private static string ReasonOf(string mailStatus, EmailStatus? email) => mailStatus switch
    {
        InvoiceMailStatus.SinCorreo => UndeliveredReasons.SinCorreo,
        InvoiceMailStatus.Rechazado => UndeliveredReasons.Rechazado,
        _ => email switch
        {
            EmailStatus.Fallido => UndeliveredReasons.Fallido,
            EmailStatus.Rebotado => UndeliveredReasons.Rebotado,
            EmailStatus.Cancelado => UndeliveredReasons.NoEnviado,
            _ => UndeliveredReasons.SinConfirmar,
        },
    };
}
