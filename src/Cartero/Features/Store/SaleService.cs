using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Data;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Store;

/// <summary>
/// Finishes a sale at the counter: totals by Cartero.Sri, stock taken in the same transaction as the sale (never below
/// zero without the explicit, audited override), the stock alert claimed in that transaction too, then the mail.
/// </summary>
public sealed class SaleService(CarteroDbContext db, IAuditTrail audit, StockAlertService stockAlerts, CustomerService customers, SaleMailService mail, TimeProvider time)
{
    /// <summary>Payment codes of the SRI's tabla 24.</summary>
    public static readonly IReadOnlyList<string> PaymentMethods = ["01", "15", "16", "17", "18", "19", "20", "21"];

    /// <exception cref="StoreValidationException">A field is wrong, or there is not enough stock; nothing stored.</exception>
    public async Task<Sale> FinishAsync(SaleRequest request, Seller seller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Customer? customer = null;
        if (request.CustomerId is { } customerId && (customer = await customers.FindAsync(customerId, cancellationToken)) is null)
        {
            errors["customerId"] = ["El cliente no existe; búsquelo otra vez o elija consumidor final."];
        }

        if (request.Lines is not { Count: > 0 })
        {
            errors["lines"] = ["Agregue al menos un producto a la venta."];
        }

        var productIds = (request.Lines ?? []).Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var now = time.GetUtcNow();
        var sale = new Sale
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now.UtcDateTime,
            SellerId = seller.UserId,
            SellerName = seller.Actor.Name,
            CustomerId = customer?.Id,
        };
        for (var i = 0; i < (request.Lines?.Count ?? 0); i++)
        {
            var line = request.Lines![i];
            if (!products.TryGetValue(line.ProductId, out var product))
            {
                errors[$"lines[{i}].productId"] = ["El producto no existe; elíjalo otra vez de la lista."];
                continue;
            }

            if (line.Quantity is < 1 or > 100_000)
            {
                errors[$"lines[{i}].quantity"] = [$"Escriba una cantidad entera entre 1 y 100000 para {product.Code}."];
                continue;
            }

            if (line.Discount < 0 || decimal.Round(line.Discount, 2) != line.Discount || line.Discount > product.Price * line.Quantity)
            {
                errors[$"lines[{i}].discount"] = [$"El descuento de {product.Code} debe estar entre 0 y el valor de la línea, con hasta 2 decimales."];
                continue;
            }

            sale.Lines.Add(new SaleLine
            {
                Id = Guid.CreateVersion7(now),
                SaleId = sale.Id,
                ProductId = product.Id,
                Code = product.Code,
                Description = product.Description,
                Quantity = line.Quantity,
                UnitPrice = product.Price,
                Discount = line.Discount,
                TaxRateCode = product.TaxRateCode,
                TaxRate = ProductService.TaxOf(product.TaxRateCode).Tarifa,
            });
        }

        var address = request.MailAddress?.Trim();
        if (request.SendMail)
        {
            address = string.IsNullOrEmpty(address) ? customer?.Email : address;
            if (string.IsNullOrEmpty(address))
            {
                errors["mailAddress"] = ["Escriba el correo del cliente o desmarque «Enviar comprobante por correo al cliente»."];
            }
            else if (!EmailRequestValidator.IsValidAddress(address))
            {
                errors["mailAddress"] = [$"«{address}» no es una dirección de correo válida; corríjala."];
            }
        }

        if (errors.Count > 0)
        {
            throw new StoreValidationException(errors);
        }

        var totals = Totals(sale);
        var payments = request.Payments is { Count: > 0 } given ? given : [new SalePaymentRequest(request.PaymentMethod ?? "01", totals.ImporteTotal)];
        for (var i = 0; i < payments.Count; i++)
        {
            if (!PaymentMethods.Contains(payments[i].Method))
            {
                errors[$"payments[{i}].method"] = ["Elija una forma de pago del SRI (01 efectivo, 16 débito, 19 crédito, 20 transferencia…)."];
            }
            else if (payments[i].Amount <= 0 || decimal.Round(payments[i].Amount, 2) != payments[i].Amount)
            {
                errors[$"payments[{i}].amount"] = ["Escriba el valor pagado, mayor que cero y con hasta 2 decimales."];
            }
        }

        if (errors.Count == 0 && payments.Sum(p => p.Amount) != totals.ImporteTotal)
        {
            errors["payments"] = [$"Los pagos suman {payments.Sum(p => p.Amount):0.00} y el total es {totals.ImporteTotal:0.00}; ajústelos para que coincidan."];
        }

        if (customer is null && totals.ImporteTotal > FacturaValidador.LimiteConsumidorFinal)
        {
            errors["customerId"] = [$"Una venta a consumidor final no puede pasar de USD {FacturaValidador.LimiteConsumidorFinal:0}; elija o cree el cliente."];
        }

        if (errors.Count > 0)
        {
            throw new StoreValidationException(errors);
        }

        sale.Subtotal = totals.TotalSinImpuestos;
        sale.Discount = totals.TotalDescuento;
        sale.Tax = totals.TotalConImpuestos.Sum(t => t.Valor);
        sale.Total = totals.ImporteTotal;
        sale.SendMail = request.SendMail;
        sale.MailAddress = request.SendMail ? address : null;
        sale.Payments.AddRange(payments.Select(p => new SalePayment { Id = Guid.CreateVersion7(now), SaleId = sale.Id, Method = p.Method, Amount = p.Amount }));
        for (var i = 0; i < sale.Lines.Count; i++)
        {
            sale.Lines[i].LineTotal = totals.Lineas[i].PrecioTotalSinImpuesto;
        }

        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var wentNegative = new List<string>();
            // Rows are locked in one order (by id) so two sales of the same products in another order cannot deadlock.
            foreach (var group in sale.Lines.GroupBy(l => l.ProductId).OrderBy(g => g.Key))
            {
                var quantity = group.Sum(l => l.Quantity);
                var allow = request.AllowNegativeStock;
                // One statement: the row lock it takes makes concurrent sales of the product wait for each other.
                var taken = await db.Products.Where(p => p.Id == group.Key && (allow || p.Stock >= quantity))
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.Stock, p => p.Stock - quantity).SetProperty(p => p.UpdatedAt, now.UtcDateTime), cancellationToken);
                var left = await db.Products.Where(p => p.Id == group.Key).Select(p => p.Stock).SingleAsync(cancellationToken);
                if (taken == 0)
                {
                    await tx.RollbackAsync(cancellationToken);
                    var index = sale.Lines.FindIndex(l => l.ProductId == group.Key);
                    throw StoreValidationException.Of($"lines[{index}].quantity",
                        $"Solo quedan {left} unidades de {group.First().Code} y la venta pide {quantity}; reduzca la cantidad o autorice vender sin stock.");
                }

                if (left < 0)
                {
                    wentNegative.Add($"{group.First().Code} ({left})");
                }
            }

            if (customer is not null && request.SendMail && request.SaveAddress && !string.Equals(address, customer.Email, StringComparison.OrdinalIgnoreCase))
            {
                await customers.UpdateEmailAsync(customer.Id, address!, seller.Actor, cancellationToken);
            }

            sale.StockOverride = wentNegative.Count > 0;
            db.Sales.Add(sale);
            await db.SaveChangesAsync(cancellationToken);
            if (wentNegative.Count > 0)
            {
                await audit.RecordAsync(Audit.AuditRecord.Of(seller.Actor.Name, seller.Actor.Ip, Audit.AuditAction.NegativeStockSale, $"venta:{sale.Id}",
                    new NegativeStockSaleDetails(wentNegative)), cancellationToken);
            }

            foreach (var productId in productIds)
            {
                await stockAlerts.AlertIfLowAsync(productId, cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
        }

        await mail.AfterSaleAsync(sale, customer, seller.Actor, cancellationToken);
        return sale;
    }

    /// <summary>The totals exactly as the SRI checks them, from the library's calculator.</summary>
    public static TotalesFactura Totals(Sale sale)
    {
        var factura = new Factura(Ambiente.Pruebas, new Emisor("1792146739001", "-", "-"), "001", "001", 1, new DateOnly(2026, 1, 1), Comprador.ConsumidorFinal,
            [.. sale.Lines.Select(l => new DetalleFactura(l.Description, l.Quantity, l.UnitPrice, [ProductService.TaxOf(l.TaxRateCode)]) { Descuento = l.Discount })], []);
        return FacturaCalculadora.Calcular(factura);
    }
}
