using System.Runtime.CompilerServices;
using System.Text;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing.Archive;

/// <summary>The authorised facturas of a date range, keyset-paged by id so memory holds one page, never the month.</summary>
internal sealed class FacturaArchiveSource(CarteroDbContext db, RideRenderer rides) : IArchiveSource
{
    public const int PageSize = 50;

    public string DocumentType => "factura";

    public async IAsyncEnumerable<ArchivedDocument> ReadAsync(DateOnly from, DateOnly until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var q = db.Invoices.AsNoTracking()
                .Where(i => (i.Status == InvoiceStatus.Autorizada || i.Status == InvoiceStatus.Anulada) && i.AuthorizedXml != null && i.IssueDate >= from && i.IssueDate <= until);
            if (after is { } cursor)
            {
                q = q.Where(i => i.Id.CompareTo(cursor) > 0);
            }

            var page = await q.OrderBy(i => i.Id).Take(PageSize)
                .Select(i => new
                {
                    i.Id, i.AccessKey, i.Establishment, i.EmissionPoint, i.Sequential, i.IssueDate, i.AuthorizedAt, i.BuyerId, i.BuyerName, i.Total, i.AuthorizedXml, i.Status,
                })
                .ToListAsync(cancellationToken);
            foreach (var i in page)
            {
                var xml = Encoding.UTF8.GetBytes(i.AuthorizedXml!);
                // An invoice annulled later in the SRI's portal was authorised in its month: the contador keeps it, marked.
                var (ride, error) = await ArchiveRides.TryRenderAsync(rides, i.Establishment, i.EmissionPoint, xml, i.Status == InvoiceStatus.Anulada ? "ANULADA" : null, cancellationToken);
                yield return new ArchivedDocument(DocumentType, i.AccessKey, $"{i.Establishment}-{i.EmissionPoint}-{i.Sequential:000000000}",
                    i.IssueDate, i.AuthorizedAt, i.BuyerId, i.BuyerName, i.Total, xml, ride, error);
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }
}
