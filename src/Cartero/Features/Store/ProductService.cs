using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Store;

/// <summary>Products and their stock: creation, replenishment (which re-arms the stock alert), listing.</summary>
public sealed class ProductService(CarteroDbContext db, IAuditTrail audit, TimeProvider time)
{
    /// <summary>IVA codigoPorcentaje codes a product may carry (tabla 17), with their label.</summary>
    public static readonly IReadOnlyDictionary<string, string> TaxRates = new Dictionary<string, string>
    {
        ["4"] = "IVA 15 %",
        ["5"] = "IVA 5 %",
        ["0"] = "IVA 0 %",
        ["6"] = "No objeto de IVA",
        ["7"] = "Exento de IVA",
    };

    public static TarifaImpuesto TaxOf(string code) => code switch
    {
        "4" => TarifaImpuesto.Iva15,
        "5" => TarifaImpuesto.Iva5,
        "0" => TarifaImpuesto.Iva0,
        "6" => TarifaImpuesto.IvaNoObjeto,
        "7" => TarifaImpuesto.IvaExento,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Tarifa de IVA desconocida."),
    };

    /// <summary>The tax code of the invoicing API for an IVA codigoPorcentaje.</summary>
    public static string InvoiceTaxOf(string code) => code switch
    {
        "4" => "iva15",
        "5" => "iva5",
        "0" => "iva0",
        "6" => "no_objeto",
        _ => "exento",
    };

    public async Task<IReadOnlyList<Product>> ListAsync(string? query, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToLower();
            products = products.Where(p => p.Code.ToLower().Contains(q) || p.Description.ToLower().Contains(q));
        }

        return await products.OrderBy(p => p.Code).Take(200).ToListAsync(cancellationToken);
    }

    /// <exception cref="StoreValidationException">A field is wrong or the code is taken.</exception>
    public async Task<Product> CreateAsync(ProductInput input, RequestActor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.Code?.Trim();
        var description = input.Description?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > 25)
        {
            errors["code"] = ["Escriba el código del producto (hasta 25 caracteres)."];
        }

        if (string.IsNullOrEmpty(description) || description.Length > 300)
        {
            errors["description"] = ["Escriba la descripción del producto (hasta 300 caracteres)."];
        }

        if (input.Category is null || !ProductCategories.All.Contains(input.Category))
        {
            errors["category"] = ["Elija la categoría: armazón, lente, lente de contacto, solución o servicio."];
        }

        if (input.Price is not { } price || price < 0 || decimal.Round(price, 2) != price || price > 999_999_999m)
        {
            errors["price"] = ["Escriba el precio sin IVA, positivo y con hasta 2 decimales."];
        }

        if (input.TaxRateCode is null || !TaxRates.ContainsKey(input.TaxRateCode))
        {
            errors["taxRateCode"] = ["Elija la tarifa de IVA del producto."];
        }

        if (input.MinimumStock is < 0)
        {
            errors["minimumStock"] = ["El stock mínimo no puede ser negativo."];
        }

        if (input.Stock is < 0)
        {
            errors["stock"] = ["El stock inicial no puede ser negativo."];
        }

        if (errors.Count == 0 && await db.Products.AnyAsync(p => p.Code == code, cancellationToken))
        {
            errors["code"] = [$"Ya existe un producto con el código {code}."];
        }

        if (errors.Count > 0)
        {
            throw new StoreValidationException(errors);
        }

        var now = time.GetUtcNow();
        var product = new Product
        {
            Id = Guid.CreateVersion7(now),
            Code = code!,
            Description = description!,
            Category = input.Category!,
            Price = input.Price!.Value,
            TaxRateCode = input.TaxRateCode!,
            Stock = input.Stock ?? 0,
            MinimumStock = input.MinimumStock ?? 0,
            UpdatedAt = now.UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.CreateProduct, $"producto:{product.Id}", new CreateProductDetails(product.Code, product.Stock, product.MinimumStock)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return product;
    }

    /// <summary>
    /// Adds stock in one UPDATE; when the stock ends above the minimum the alert flag is cleared in the same statement,
    /// so the next fall to the minimum warns again.
    /// </summary>
    /// <returns>False when there is no such product.</returns>
    public async Task<bool> ReplenishAsync(Guid productId, int quantity, RequestActor actor, CancellationToken cancellationToken)
    {
        if (quantity <= 0)
        {
            throw StoreValidationException.Of("quantity", "Escriba cuántas unidades ingresan (un número mayor que cero).");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Stock, p => p.Stock + quantity)
            .SetProperty(p => p.StockAlertSent, p => p.Stock + quantity > p.MinimumStock ? false : p.StockAlertSent)
            .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (rows == 0)
        {
            return false;
        }

        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ReplenishProduct, $"producto:{productId}", new ReplenishProductDetails(quantity)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }
}
