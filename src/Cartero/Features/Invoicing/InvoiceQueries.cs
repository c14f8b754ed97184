using Cartero.Platform.Data;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing;

/// <summary>Reads invoices for the API and the panel.</summary>
public sealed class InvoiceQueries(CarteroDbContext db, RideRenderer rides)
{
    public const int MaxPageSize = 200;

    public async Task<InvoiceDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        var events = await db.InvoiceEvents.AsNoTracking().Where(e => e.InvoiceId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var emailStatus = invoice.EmailId is { } emailId
            ? await db.Emails.AsNoTracking().Where(e => e.Id == emailId).Select(e => (Sending.EmailStatus?)e.Status).FirstOrDefaultAsync(cancellationToken)
            : null;
        return InvoiceDto.From(invoice, [.. events.Select(InvoiceEventDto.From)]) with { EmailStatus = emailStatus is { } st ? Sending.EmailStatusCodes.ToCode(st) : null };
    }

    /// <summary>Newest first; <paramref name="before"/> is the id of the last invoice of the previous page.</summary>
    public async Task<IReadOnlyList<InvoiceDto>> ListAsync(InvoiceFilter filter, Guid? before, int limit, CancellationToken cancellationToken)
    {
        var q = Filtered(filter);
        if (before is { } cursor)
        {
            q = q.Where(i => i.Id.CompareTo(cursor) < 0);
        }

        var rows = await q.OrderByDescending(i => i.Id).Take(Math.Clamp(limit, 1, MaxPageSize)).ToListAsync(cancellationToken);
        return [.. rows.Select(i => InvoiceDto.From(i, null))];
    }

    /// <summary>The invoices of <paramref name="filter"/>, untracked, for lists and exports.</summary>
    public IQueryable<Invoice> Filtered(InvoiceFilter filter)
    {
        var q = db.Invoices.AsNoTracking();
        if (filter.Status is { } s)
        {
            q = q.Where(i => i.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(filter.Reference))
        {
            q = q.Where(i => i.ExternalReference == filter.Reference);
        }

        if (!string.IsNullOrWhiteSpace(filter.AccessKey))
        {
            q = q.Where(i => i.AccessKey == filter.AccessKey);
        }

        if (filter.From is { } from)
        {
            q = q.Where(i => i.IssueDate >= from);
        }

        if (filter.Until is { } until)
        {
            q = q.Where(i => i.IssueDate <= until);
        }

        return q;
    }

    /// <summary>The authorised XML (the &lt;autorizacion&gt; the SRI returned), or null while not authorised.</summary>
    public async Task<(string Number, string? Xml)?> AuthorizedXmlAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Invoices.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Establishment, i.EmissionPoint, i.Sequential, i.AuthorizedXml }).FirstOrDefaultAsync(cancellationToken) is { } row
            ? ($"{row.Establishment}-{row.EmissionPoint}-{row.Sequential:000000000}", row.AuthorizedXml)
            : null;

    /// <summary>The RIDE of an authorised invoice as its punto de emisión prints it; an annulled one carries the mark ANULADA.</summary>
    public async Task<(string Number, byte[]? Pdf)?> RideAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Invoices.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Establishment, i.EmissionPoint, i.Sequential, i.AuthorizedXml, i.Status }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var number = $"{row.Establishment}-{row.EmissionPoint}-{row.Sequential:000000000}";
        return (number, row.AuthorizedXml is null ? null
            : await rides.RenderAsync(row.Establishment, row.EmissionPoint, System.Text.Encoding.UTF8.GetBytes(row.AuthorizedXml), cancellationToken,
                row.Status == InvoiceStatus.Anulada ? "ANULADA" : null));
    }
}
