using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Store;

/// <summary>"Mis ventas": a seller's sales with the state of each one's mail, by Ecuadorian day and failed mail.</summary>
public sealed class SalesQuery(CarteroDbContext db)
{
    public sealed record Row(Guid Id, string Number, DateTime CreatedAt, string Customer, decimal Total, string Kind, string? MailStatus, string MailLabel);

    /// <param name="sellerId">Null for admins and managers, who see every seller's sales.</param>
    public async Task<IReadOnlyList<Row>> ListAsync(Guid? sellerId, DateOnly? day, bool failedOnly, CancellationToken cancellationToken)
    {
        var sales = db.Sales.AsNoTracking();
        if (sellerId is { } seller)
        {
            sales = sales.Where(s => s.SellerId == seller);
        }

        if (day is { } d)
        {
            var from = TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), EcuadorTime.Zone);
            var until = from.AddDays(1);
            sales = sales.Where(s => s.CreatedAt >= from && s.CreatedAt < until);
        }

        var rows = await (from s in sales
                          join c in db.Customers on s.CustomerId equals c.Id into cs
                          from c in cs.DefaultIfEmpty()
                          join i in db.Invoices on s.InvoiceId equals i.Id into invs
                          from i in invs.DefaultIfEmpty()
                          join r in db.Emails on s.EmailId equals (Guid?)r.Id into rs
                          from r in rs.DefaultIfEmpty()
                          join f in db.Emails on i.EmailId equals (Guid?)f.Id into fs
                          from f in fs.DefaultIfEmpty()
                          orderby s.CreatedAt descending, s.Id descending
                          select new
                          {
                              s.Id, s.CreatedAt, Customer = c == null ? "Consumidor final" : c.Names, s.Total, s.EmailId, s.InvoiceId,
                              Receipt = r == null ? (EmailStatus?)null : r.Status,
                              Invoice = f == null ? (EmailStatus?)null : f.Status,
                          })
            .Take(500).ToListAsync(cancellationToken);
        var result = rows.Select(r => new Row(r.Id, new Sale { Id = r.Id, SellerName = "" }.Number, r.CreatedAt, r.Customer, r.Total,
                r.EmailId is not null ? "comprobante" : r.InvoiceId is not null ? "factura" : "ninguno",
                (r.Receipt ?? r.Invoice)?.ToCode(), (r.Receipt ?? r.Invoice) is { } st ? SaleMailService.Label(st) : r.InvoiceId is not null ? "Factura en trámite" : "Sin correo"))
            .ToList();
        return failedOnly ? [.. result.Where(r => r.MailStatus is "fallido" or "rebotado" or "cancelado")] : result;
    }
}
