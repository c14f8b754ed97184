using Cartero.Features.Invoicing.CreditNotes;
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

    /// <summary>
    /// Whether delivery reports can arrive at all for mail of a given type, so that <c>enviado</c> alone is not taken as
    /// delivered: the pixel is switched off per mail type, the webhook is not.
    /// </summary>
    private async Task<Func<string, bool>> TrackingOnAsync(CancellationToken cancellationToken)
    {
        var s = await db.TrackingSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (s is null)
        {
            return _ => false;
        }

        var pixelOff = s.PixelOffTypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var pixelOn = s.PixelEnabled && !string.IsNullOrWhiteSpace(tracking.Value.PublicBaseUrl);
        return mailType => s.SendGridWebhookEnabled || (pixelOn && !pixelOff.Contains(mailType, StringComparer.Ordinal));
    }

    /// <summary>
    /// The undelivered comprobantes (facturas and notas de crédito), oldest authorisation first, at most <see cref="MaxRows"/>;
    /// <paramref name="reason"/> filters by one reason.
    /// </summary>
    public Task<IReadOnlyList<UndeliveredInvoice>> ListAsync(string? reason, Guid? invoiceId, CancellationToken cancellationToken) =>
        ListAsync(reason, invoiceId, MaxRows, cancellationToken);

    /// <summary>The same list cut at <paramref name="limit"/> rows (the panel asks for one more than it shows, to say the list is cut).</summary>
    public async Task<IReadOnlyList<UndeliveredInvoice>> ListAsync(string? reason, Guid? id, int limit, CancellationToken cancellationToken)
    {
        var trackingOnFor = await TrackingOnAsync(cancellationToken);
        var trackingOn = trackingOnFor(UndeliveredInvoice.Factura);
        var noteTrackingOn = trackingOnFor(CreditNoteMail.Type);
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.DeliveryDeadline;
        var invoices =
                from i in db.Invoices.AsNoTracking()
                where i.Status == InvoiceStatus.Autorizada && (id == null || i.Id == id)
                // The deadline runs from when Cartero learnt of the autorización (its own clock), not the SRI's timestamp.
                let authorisedHere = db.InvoiceEvents.Where(ev => ev.InvoiceId == i.Id && ev.Status == InvoiceStatus.Autorizada).Min(ev => (DateTime?)ev.OccurredAt)
                join e in db.Emails.AsNoTracking() on i.EmailId equals (Guid?)e.Id into mails
                from e in mails.DefaultIfEmpty()
                where i.MailStatus == InvoiceMailStatus.SinCorreo || i.MailStatus == InvoiceMailStatus.Rechazado
                    || (e != null && (e.Status == EmailStatus.Fallido || e.Status == EmailStatus.Rebotado || e.Status == EmailStatus.Cancelado))
                    || ((authorisedHere ?? i.AuthorizedAt) < cutoff && (e == null
                        || !(e.Status == EmailStatus.Entregado || e.Status == EmailStatus.Abierto || (!trackingOn && e.Status == EmailStatus.Enviado))))
                orderby i.AuthorizedAt, i.Id
                select new Row(i.Id, i.Establishment, i.EmissionPoint, i.Sequential, i.IssueDate, i.AuthorizedAt, i.BuyerName, i.BuyerEmail, i.Total,
                    i.OriginatedBy, i.MailStatus, i.EmailId, e == null ? (EmailStatus?)null : e.Status, e == null ? null : e.LastError);
        // Notas de crédito carry the same obligation: the buyer must receive their XML and RIDE too.
        var notes =
                from n in db.CreditNotes.AsNoTracking()
                where n.Status == InvoiceStatus.Autorizada && (id == null || n.Id == id)
                let authorisedHere = db.CreditNoteEvents.Where(ev => ev.CreditNoteId == n.Id && ev.Status == InvoiceStatus.Autorizada).Min(ev => (DateTime?)ev.OccurredAt)
                join e in db.Emails.AsNoTracking() on n.EmailId equals (Guid?)e.Id into mails
                from e in mails.DefaultIfEmpty()
                where n.MailStatus == InvoiceMailStatus.SinCorreo || n.MailStatus == InvoiceMailStatus.Rechazado
                    || (e != null && (e.Status == EmailStatus.Fallido || e.Status == EmailStatus.Rebotado || e.Status == EmailStatus.Cancelado))
                    || ((authorisedHere ?? n.AuthorizedAt) < cutoff && (e == null
                        || !(e.Status == EmailStatus.Entregado || e.Status == EmailStatus.Abierto || (!noteTrackingOn && e.Status == EmailStatus.Enviado))))
                orderby n.AuthorizedAt, n.Id
                select new Row(n.Id, n.Establishment, n.EmissionPoint, n.Sequential, n.IssueDate, n.AuthorizedAt, n.BuyerName, n.BuyerEmail, n.Total,
                    n.OriginatedBy, n.MailStatus, n.EmailId, e == null ? (EmailStatus?)null : e.Status, e == null ? null : e.LastError);

        var list = await CollectAsync(invoices.AsAsyncEnumerable(), UndeliveredInvoice.Factura, reason, limit, cancellationToken);
        list.AddRange(await CollectAsync(notes.AsAsyncEnumerable(), UndeliveredInvoice.NotaCredito, reason, limit, cancellationToken));
        return [.. list.OrderBy(u => u.AuthorizedAt).ThenBy(u => u.Id).Take(limit)];
    }

    // The reason is worked out here, so the cut comes after the filter: asking for "rebotado" never returns nothing
    // because 500 older invoices without an address came first.
    private static async Task<List<UndeliveredInvoice>> CollectAsync(IAsyncEnumerable<Row> rows, string kind, string? reason, int limit, CancellationToken cancellationToken)
    {
        var list = new List<UndeliveredInvoice>();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            var u = new UndeliveredInvoice(r.Id, $"{r.Establishment}-{r.EmissionPoint}-{r.Sequential:000000000}", r.IssueDate, r.AuthorizedAt, r.BuyerName,
                r.BuyerEmail, r.Total, r.OriginatedBy, r.MailStatus, r.EmailId, r.EmailStatus?.ToCode(), r.EmailError, ReasonOf(r.MailStatus, r.EmailStatus), kind);
            if (reason is null || u.Reason == reason)
            {
                list.Add(u);
                if (list.Count == limit)
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

    /// <summary>How many facturas and how many notas de crédito have been in enviada_sri or recibida longer than <see cref="InvoiceWatchOptions.StuckAfter"/>.</summary>
    public async Task<(int Invoices, int CreditNotes)> StuckCountsAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.StuckAfter;
        // The time it entered its current state: the transition event into it (notes keep the state and do not count).
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.EnviadaSri || i.Status == InvoiceStatus.Recibida)
            .Where(i => db.InvoiceEvents.Where(e => e.InvoiceId == i.Id && e.Status == i.Status && e.PreviousStatus != i.Status)
                .Max(e => (DateTime?)e.OccurredAt) < cutoff)
            .CountAsync(cancellationToken);
        var notes = await db.CreditNotes.AsNoTracking()
            .Where(n => n.Status == InvoiceStatus.EnviadaSri || n.Status == InvoiceStatus.Recibida)
            .Where(n => db.CreditNoteEvents.Where(e => e.CreditNoteId == n.Id && e.Status == n.Status && e.PreviousStatus != n.Status)
                .Max(e => (DateTime?)e.OccurredAt) < cutoff)
            .CountAsync(cancellationToken);
        return (invoices, notes);
    }

    /// <summary>The admin alert for stuck comprobantes (facturas and notas de crédito), or null.</summary>
    public async Task<string?> StuckNoticeAsync(CancellationToken cancellationToken)
    {
        var (invoices, notes) = await StuckCountsAsync(cancellationToken);
        var after = options.Value.StuckAfter;
        var span = after.TotalHours >= 1 ? $"{after.TotalHours:0.#} h" : $"{after.TotalMinutes:0} min";
        var parts = new List<string>();
        if (invoices > 0)
        {
            parts.Add($"{invoices} factura(s)");
        }

        if (notes > 0)
        {
            parts.Add($"{notes} nota(s) de crédito");
        }

        var where = notes == 0 ? "Facturas" : invoices == 0 ? "las notas de crédito de cada factura" : "Facturas y en las notas de crédito de cada factura";
        return parts.Count == 0
            ? null
            : $"{string.Join(" y ", parts)} llevan más de {span} en enviada_sri o recibida sin respuesta del SRI. Revise la conexión con el SRI y el historial de cada una en {where} (estado enviada_sri o recibida); no las emita de nuevo: el SRI puede tenerlas.";
    }

    private sealed record Row(
        Guid Id, string Establishment, string EmissionPoint, long Sequential, DateOnly IssueDate, DateTime? AuthorizedAt, string BuyerName, string? BuyerEmail,
        decimal Total, string OriginatedBy, string MailStatus, Guid? EmailId, EmailStatus? EmailStatus, string? EmailError);

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
