using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Store;

/// <summary>
/// The low-stock warning: one <c>alerta_stock</c> mail per manager (and the admin address) when a sale takes a product
/// to or below its minimum, once until it is replenished above it.
/// </summary>
public sealed class StockAlertService(CarteroDbContext db, EmailEnqueuer enqueuer, TimeProvider time, IOptions<StoreOptions> options)
{
    /// <summary><c>originado_por</c> of the alerts.</summary>
    public const string ProcessName = "tienda-alerta-stock";

    /// <summary>
    /// Inside the sale's transaction: claims the alert with one conditional UPDATE of the product's flag (only one
    /// concurrent sale can change it from false to true; the others see it already set once the row lock is released),
    /// and enqueues the mails in the same transaction, so the claim and the mail commit or roll back together.
    /// </summary>
    /// <returns>How many alert mails were enqueued (0 when the product is above its minimum or was already alerted).</returns>
    public async Task<int> AlertIfLowAsync(Guid productId, CancellationToken cancellationToken)
    {
        var claimed = await db.Products
            .Where(p => p.Id == productId && !p.StockAlertSent && p.Stock <= p.MinimumStock)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.StockAlertSent, true), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == productId, cancellationToken);
        var now = time.GetUtcNow();
        var managers = await (from u in db.Users
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where r.Name == CarteroRoles.Gerente && u.Email != null
                              select new { u.Id, u.Email, u.FullName, u.LockoutEnd }).ToListAsync(cancellationToken);
        // Deactivated users are locked out for good; SQLite cannot compare the lockout instant in SQL.
        var recipients = managers.Where(m => m.LockoutEnd is null || m.LockoutEnd < now).Select(m => new EmailRecipient(m.Email, m.FullName, "empleado", m.Id.ToString())).ToList();
        if (options.Value.AdminAddress is { Length: > 0 } admin && !recipients.Any(r => string.Equals(r.Address, admin, StringComparison.OrdinalIgnoreCase)))
        {
            recipients.Add(new EmailRecipient(admin, "Administración", "empleado"));
        }

        if (recipients.Count == 0)
        {
            return 0;
        }

        var data = new JsonObject
        {
            ["producto"] = new JsonObject { ["nombre"] = product.Description, ["codigo"] = product.Code },
            ["stock"] = new JsonObject { ["actual"] = product.Stock.ToString(System.Globalization.CultureInfo.InvariantCulture), ["minimo"] = product.MinimumStock.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["sucursal"] = options.Value.BranchName,
        };
        var requests = recipients.Select(r => new EnqueueEmailRequest
        {
            Type = "alerta_stock",
            To = r,
            Entity = new EmailEntityRef("producto", product.Id.ToString()),
            Data = (JsonObject)data.DeepClone(),
        }).ToList();
        await enqueuer.EnqueueManyAsync(requests, new RequestActor(ProcessName, null, false), EmailOrigin.Automatic, cancellationToken);
        return requests.Count;
    }
}
