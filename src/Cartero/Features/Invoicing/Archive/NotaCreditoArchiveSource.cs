using System.Runtime.CompilerServices;
using System.Text;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing.Archive;

/// <summary>The authorised notas de crédito of a date range, keyset-paged by id like the facturas.</summary>
internal sealed class NotaCreditoArchiveSource(CarteroDbContext db, RideRenderer rides) : IArchiveSource
{
    public string DocumentType => "nota_credito";

    public async IAsyncEnumerable<ArchivedDocument> ReadAsync(DateOnly from, DateOnly until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var q = db.CreditNotes.AsNoTracking()
                .Where(n => n.Status == InvoiceStatus.Autorizada && n.AuthorizedXml != null && n.IssueDate >= from && n.IssueDate <= until);
            if (after is { } cursor)
            {
                q = q.Where(n => n.Id.CompareTo(cursor) > 0);
            }

            var page = await q.OrderBy(n => n.Id).Take(FacturaArchiveSource.PageSize)
                .Select(n => new
                {
                    n.Id, n.AccessKey, n.Establishment, n.EmissionPoint, n.Sequential, n.IssueDate, n.AuthorizedAt, n.BuyerId, n.BuyerName, n.Total, n.AuthorizedXml,
                })
                .ToListAsync(cancellationToken);
            foreach (var n in page)
            {
                var xml = Encoding.UTF8.GetBytes(n.AuthorizedXml!);
                var (ride, error) = await ArchiveRides.TryRenderAsync(rides, n.Establishment, n.EmissionPoint, xml, null, cancellationToken);
                yield return new ArchivedDocument(DocumentType, n.AccessKey, $"{n.Establishment}-{n.EmissionPoint}-{n.Sequential:000000000}",
                    n.IssueDate, n.AuthorizedAt, n.BuyerId, n.BuyerName, n.Total, xml, ride, error);
            }

            if (page.Count < FacturaArchiveSource.PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }
}
