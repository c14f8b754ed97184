using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Store;

/// <summary>
/// A customer's own invoices and receipts for "Mis correos": every query is bound to the signed-in customer's id, so
/// another person's document is simply not found. "Reenviarme" is limited per customer per hour.
/// </summary>
public sealed class CustomerDocuments(CarteroDbContext db, InvoiceQueries invoices, InvoiceMailer invoiceMailer, SaleMailService saleMail, TimeProvider time, IOptions<StoreOptions> options, StoreIssuer issuers)
{
    public sealed record Document(string Kind, Guid Id, string Number, DateTime IssuedAt, decimal Total, bool Downloadable)
    {
        /// <summary>An invoice the issuer annulled in the SRI's portal: still downloadable (stamped ANULADA), not resent.</summary>
        public bool Annulled { get; init; }
    }

    public async Task<IReadOnlyList<Document>> ListAsync(string? customerId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(customerId))
        {
            return [];
        }

        var facturas = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && (i.Status == InvoiceStatus.Autorizada || i.Status == InvoiceStatus.Anulada))
            .OrderByDescending(i => i.CreatedAt).Take(100)
            .Select(i => new { i.Id, i.Establishment, i.EmissionPoint, i.Sequential, i.CreatedAt, i.Total, i.Status }).ToListAsync(cancellationToken);
        var result = facturas.Select(i => new Document("factura", i.Id, $"{i.Establishment}-{i.EmissionPoint}-{i.Sequential:000000000}", i.CreatedAt, i.Total, true)
        {
            Annulled = i.Status == InvoiceStatus.Anulada,
        }).ToList();
        if (Guid.TryParse(customerId, out var id))
        {
            var receipts = await db.Sales.AsNoTracking().Where(s => s.CustomerId == id && s.InvoiceId == null && s.EmailId != null)
                .OrderByDescending(s => s.CreatedAt).Take(100).Select(s => new { s.Id, s.CreatedAt, s.Total }).ToListAsync(cancellationToken);
            result.AddRange(receipts.Select(s => new Document("comprobante", s.Id, new Sale { Id = s.Id, SellerName = "" }.Number, s.CreatedAt, s.Total, true)));
        }

        return [.. result.OrderByDescending(d => d.IssuedAt)];
    }

    public async Task<(string Number, string Xml)?> XmlAsync(string? customerId, Guid invoiceId, CancellationToken cancellationToken) =>
        await OwnsDownloadableInvoiceAsync(customerId, invoiceId, cancellationToken) && await invoices.AuthorizedXmlAsync(invoiceId, cancellationToken) is { Xml: { } xml } found
            ? (found.Number, xml)
            : null;

    public async Task<(string Number, byte[] Pdf)?> RideAsync(string? customerId, Guid invoiceId, CancellationToken cancellationToken) =>
        await OwnsDownloadableInvoiceAsync(customerId, invoiceId, cancellationToken) && await invoices.RideAsync(invoiceId, cancellationToken) is { Pdf: { } pdf } found
            ? (found.Number, pdf)
            : null;

    public async Task<(string Number, byte[] Pdf)?> ReceiptAsync(string? customerId, Guid saleId, CancellationToken cancellationToken)
    {
        if (OwnSale(customerId, saleId) is not { } sales || await sales.Include(s => s.Lines).Include(s => s.Payments).FirstOrDefaultAsync(cancellationToken) is not { } sale)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == sale.CustomerId, cancellationToken);
        var (issuer, ruc) = await issuers.ResolveAsync(cancellationToken);
        return (sale.Number, ReceiptPdf.Generate(sale, issuer, ruc, customer.Names, customer.IdNumber));
    }

    /// <summary>"Reenviarme": the document again to the customer's own address, origen <c>manual</c>, the customer as originator.</summary>
    /// <returns>False when the document is not this customer's.</returns>
    /// <exception cref="StoreValidationException">Too many resends in the last hour, or no address to send to.</exception>
    public async Task<bool> ResendAsync(string? customerId, string kind, Guid id, RequestActor customer, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime.AddHours(-1);
        var recent = await db.Emails.CountAsync(e => e.OriginatedBy == customer.Name && e.Origin == EmailOrigin.Manual && e.RequestedAt >= since, cancellationToken);
        if (recent >= options.Value.ResendsPerHour)
        {
            throw StoreValidationException.Of("reenviar", $"Ya pidió {recent} reenvíos en la última hora; espere un momento y vuelva a intentarlo.");
        }

        if (kind == "factura")
        {
            if (!await OwnsInvoiceAsync(customerId, id, cancellationToken))
            {
                return false;
            }

            try
            {
                return await invoiceMailer.ResendAsync(id, null, customer, EmailOrigin.Manual, cancellationToken) is not null;
            }
            catch (InvalidOperationException)
            {
                throw StoreValidationException.Of("reenviar", "Esta factura no se puede reenviar todavía; inténtelo más tarde.");
            }
        }

        if (OwnSale(customerId, id) is not { } sales || await sales.Include(s => s.Lines).Include(s => s.Payments).FirstOrDefaultAsync(cancellationToken) is not { } sale)
        {
            return false;
        }

        var person = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == sale.CustomerId, cancellationToken);
        var address = person.Email ?? sale.MailAddress;
        if (address is null)
        {
            throw StoreValidationException.Of("reenviar", "No tenemos su correo registrado; pídalo en el local.");
        }

        await saleMail.SendReceiptAsync(sale, person, address, customer, cancellationToken);
        return true;
    }

    private Task<bool> OwnsDownloadableInvoiceAsync(string? customerId, Guid invoiceId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(customerId)
            ? Task.FromResult(false)
            : db.Invoices.AnyAsync(i => i.Id == invoiceId && i.CustomerId == customerId && (i.Status == InvoiceStatus.Autorizada || i.Status == InvoiceStatus.Anulada), cancellationToken);

    private Task<bool> OwnsInvoiceAsync(string? customerId, Guid invoiceId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(customerId)
            ? Task.FromResult(false)
            : db.Invoices.AnyAsync(i => i.Id == invoiceId && i.CustomerId == customerId && i.Status == InvoiceStatus.Autorizada, cancellationToken);

    private IQueryable<Sale>? OwnSale(string? customerId, Guid saleId) =>
        Guid.TryParse(customerId, out var id) ? db.Sales.AsNoTracking().Where(s => s.Id == saleId && s.CustomerId == id && s.InvoiceId == null) : null;
}
