using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Sending.Retry;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Store;

/// <summary>
/// The mail of a sale. With invoicing configured the sale becomes the electronic invoice and its mail is the invoice
/// mail (after AUTORIZADO, as the invoicing feature sends it); without it, a <c>comprobante</c> with a PDF receipt
/// marked as not an electronic invoice goes out at once, originated by the seller.
/// </summary>
public sealed class SaleMailService(
    CarteroDbContext db,
    EmailEnqueuer enqueuer,
    EmailRetryService retries,
    InvoiceSubmissionService invoices,
    InvoiceMailer invoiceMailer,
    CustomerService customers,
    Invoicing.Points.IssuingPointService points,
    StoreIssuer issuers)
{
    public const string EntityType = "venta";

    public async Task AfterSaleAsync(Sale sale, Customer? customer, RequestActor seller, CancellationToken cancellationToken)
    {
        if (await db.InvoicingSettings.AsNoTracking().AnyAsync(cancellationToken))
        {
            try
            {
                // A seller works at one caja: the sale is numbered at the punto de emisión the seller is assigned to.
                var request = InvoiceRequestOf(sale, customer);
                if (await points.DefaultForUserAsync(seller.Name, cancellationToken) is { } caja)
                {
                    request = request with { Establishment = caja.Establishment, EmissionPoint = caja.Point };
                }

                var (invoice, _) = await invoices.SubmitAsync(request, seller, cancellationToken);
                await db.Sales.Where(s => s.Id == sale.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.InvoiceId, invoice.Id), cancellationToken);
                sale.InvoiceId = invoice.Id;
                return;
            }
            catch (Exception ex) when (ex is InvoiceValidationException or InvoicingNotReadyException)
            {
                // The sale is done and its stock taken; the customer still gets a receipt, and the counter sees why there is no invoice.
                var reason = ex is InvoiceValidationException v
                    ? "La factura no se pudo emitir: " + string.Join(" ", v.Errors.SelectMany(e => e.Value))
                    : "La facturación electrónica no está lista: " + ex.Message;
                db.ChangeTracker.Clear();
                await db.Sales.Where(s => s.Id == sale.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.InvoiceError, reason), cancellationToken);
                sale.InvoiceError = reason;
            }
        }

        if (sale.SendMail && sale.MailAddress is { } address)
        {
            await SendReceiptAsync(sale, customer, address, seller, cancellationToken);
        }
    }

    /// <summary>Enqueues the receipt (origen <c>manual</c>, the seller as originator, entity <c>venta</c>) and points the sale at it.</summary>
    public async Task<EmailLogEntry> SendReceiptAsync(Sale sale, Customer? customer, string address, RequestActor seller, CancellationToken cancellationToken)
    {
        var (issuer, ruc) = await IssuerAsync(cancellationToken);
        if (sale.Lines.Count == 0 || sale.Payments.Count == 0)
        {
            sale = await db.Sales.AsNoTracking().Include(s => s.Lines).Include(s => s.Payments).SingleAsync(s => s.Id == sale.Id, cancellationToken);
        }

        var buyerName = customer?.Names ?? "Consumidor final";
        var pdf = ReceiptPdf.Generate(sale, issuer, ruc, buyerName, customer?.IdNumber ?? Sri.Comprador.IdentificacionConsumidorFinal);
        var request = new EnqueueEmailRequest
        {
            Type = "comprobante",
            To = new EmailRecipient(address, buyerName, customer is null ? "externo" : "cliente", customer?.Id.ToString()),
            Entity = new EmailEntityRef(EntityType, sale.Id.ToString()),
            Data = new JsonObject
            {
                ["cliente"] = new JsonObject { ["nombre"] = buyerName },
                ["emisor"] = new JsonObject { ["razon_social"] = issuer, ["ruc"] = ruc.Length > 0 ? ruc : "no registrado" },
                ["comprobante"] = new JsonObject
                {
                    ["tipo"] = "comprobante de venta (no es una factura electrónica)",
                    ["numero"] = sale.Number,
                    ["fecha"] = EcuadorTime.ToLocal(sale.CreatedAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                    ["total"] = sale.Total,
                },
            },
        };
        var (entry, _) = await enqueuer.EnqueueAsync(
            request, [new EmailAttachmentContent($"comprobante-{sale.Number}.pdf", "application/pdf", pdf)], seller, EmailOrigin.Manual, cancellationToken);
        await db.Sales.Where(s => s.Id == sale.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.EmailId, entry.Id).SetProperty(s => s.MailAddress, address), cancellationToken);
        sale.EmailId = entry.Id;
        return entry;
    }

    /// <summary>The sale if <paramref name="viewer"/> may see its mail: the seller who made it, or an admin or gerente.</summary>
    public Task<Sale?> FindVisibleAsync(Guid saleId, Guid viewer, bool seesAll, CancellationToken cancellationToken) =>
        db.Sales.AsNoTracking().Include(s => s.Lines).Include(s => s.Payments)
            .FirstOrDefaultAsync(s => s.Id == saleId && (seesAll || s.SellerId == viewer), cancellationToken);

    public async Task<SaleMailState> StateAsync(Sale sale, CancellationToken cancellationToken)
    {
        Invoice? invoice = sale.InvoiceId is { } invoiceId ? await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken) : null;
        var emailId = sale.EmailId ?? invoice?.EmailId;
        var kind = sale.EmailId is not null ? "comprobante" : invoice is not null ? "factura" : "ninguno";
        if (emailId is null)
        {
            return invoice is null
                ? new SaleMailState(kind, null, null, sale.SendMail ? "sin correo" : "no se pidió enviar el comprobante", null, sale.MailAddress, false, sale.CustomerId is not null || sale.InvoiceId is null, true)
                : new SaleMailState(kind, null, null, $"factura {invoice.Number} en trámite con el SRI ({invoice.Status.ToCode().Replace('_', ' ')})", null, invoice.BuyerEmail, false, false,
                    invoice.Status is InvoiceStatus.Devuelta or InvoiceStatus.NoAutorizada);
        }

        var email = await db.Emails.AsNoTracking().Where(e => e.Id == emailId).Select(e => new { e.Status, e.LastError, e.ToAddress }).SingleAsync(cancellationToken);
        var failed = email.Status is EmailStatus.Fallido or EmailStatus.Rebotado or EmailStatus.Cancelado;
        return new SaleMailState(kind, emailId, email.Status.ToCode(), Label(email.Status), failed ? Explain(email.Status, email.LastError) : null, email.ToAddress,
            email.Status == EmailStatus.Fallido, failed, email.Status is not (EmailStatus.EnCola or EmailStatus.Enviando or EmailStatus.Reintento));
    }

    /// <summary>"Reintentar": the failed email back to the queue, recorded with who asked.</summary>
    public async Task RetryAsync(Sale sale, RequestActor actor, CancellationToken cancellationToken)
    {
        var state = await StateAsync(sale, cancellationToken);
        if (!state.CanRetry || state.EmailId is not { } id)
        {
            throw StoreValidationException.Of("retry", "Solo se reintenta un correo fallido; este está «" + state.Label + "».");
        }

        await retries.RetryAsync(id, actor, cancellationToken);
    }

    /// <summary>"Corregir correo y reenviar": a new email to the corrected address (saved to the customer when asked).</summary>
    public async Task CorrectAndResendAsync(Sale sale, string? address, bool saveToCustomer, RequestActor actor, CancellationToken cancellationToken)
    {
        address = address?.Trim();
        if (string.IsNullOrEmpty(address) || !EmailRequestValidator.IsValidAddress(address))
        {
            throw StoreValidationException.Of("mailAddress", $"«{address}» no es una dirección de correo válida; corríjala.");
        }

        Customer? customer = sale.CustomerId is { } customerId ? await customers.FindAsync(customerId, cancellationToken) : null;
        if (customer is not null && saveToCustomer)
        {
            await customers.UpdateEmailAsync(customer.Id, address, actor, cancellationToken);
        }

        if (sale.InvoiceId is { } invoiceId && sale.EmailId is null)
        {
            try
            {
                await invoiceMailer.ResendAsync(invoiceId, address, actor, EmailOrigin.Manual, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                throw StoreValidationException.Of("mailAddress", ex.Message);
            }

            return;
        }

        await SendReceiptAsync(sale, customer, address, actor, cancellationToken);
    }

    /// <summary>The mail state in words, from the one catalogue (<see cref="CodeLabels"/>) every page uses.</summary>
    public static string Label(EmailStatus status) => CodeLabels.EmailState(status.ToCode());

    /// <summary>The failure in words a seller can act on; the full technical error stays in the send log for support.</summary>
    public static string Explain(EmailStatus status, string? error)
    {
        var e = error ?? "";
        if (status == EmailStatus.Rebotado || e.Contains("550", StringComparison.Ordinal) || e.Contains("5.1.1", StringComparison.Ordinal) || e.Contains("553", StringComparison.Ordinal))
        {
            return "El servidor de correo del cliente no acepta esa dirección. Confirme el correo con el cliente y use «Corregir correo y reenviar».";
        }

        if (status == EmailStatus.Cancelado)
        {
            return "El correo no se envió. Revise la dirección y use «Corregir correo y reenviar».";
        }

        return "No se pudo entregar el correo después de varios intentos. Use «Reintentar»; si vuelve a fallar, avise a soporte.";
    }

    private Task<(string Name, string Ruc)> IssuerAsync(CancellationToken cancellationToken) => issuers.ResolveAsync(cancellationToken);

    private static InvoiceRequest InvoiceRequestOf(Sale sale, Customer? customer) => new()
    {
        Buyer = customer is null
            ? new InvoiceBuyer(IdentificationTypes.ConsumidorFinal, null, null, sale.SendMail ? sale.MailAddress : null, null, null)
            : new InvoiceBuyer(customer.IdType, customer.IdNumber, customer.Names, sale.SendMail ? sale.MailAddress : null, customer.Address, customer.Id.ToString()),
        Lines = [.. sale.Lines.Select(l => new InvoiceLine(l.Code, l.Description, l.Quantity, l.UnitPrice, l.Discount == 0 ? null : l.Discount, ProductService.InvoiceTaxOf(l.TaxRateCode)))],
        Payments = [.. sale.Payments.Select(p => new InvoicePayment(p.Method, p.Amount, null, null))],
        Reference = $"{EntityType}:{sale.Id}",
        IdempotencyKey = $"{EntityType}:{sale.Id:N}",
    };
}
