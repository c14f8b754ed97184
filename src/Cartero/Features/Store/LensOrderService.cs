using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Store;

/// <summary>
/// Lens orders: registered for a sale, followed through the laboratory, each change recorded with who and when. Marking
/// one <c>listo_para_retirar</c> mails the customer once (a conditional UPDATE of the order's flag decides).
/// </summary>
public sealed class LensOrderService(CarteroDbContext db, EmailEnqueuer enqueuer, TimeProvider time, IOptions<StoreOptions> options)
{
    /// <summary><c>originado_por</c> of the order notices.</summary>
    public const string ProcessName = "tienda-pedidos";

    public async Task<LensOrder> CreateAsync(Guid saleId, string? prescriptionReference, string? laboratory, DateOnly? estimatedDate, RequestActor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var sale = await db.Sales.AsNoTracking().FirstOrDefaultAsync(s => s.Id == saleId, cancellationToken);
        if (sale is null)
        {
            errors["saleId"] = ["La venta no existe; ábrala desde «Mis ventas»."];
        }
        else if (sale.CustomerId is null)
        {
            errors["saleId"] = ["Un pedido de lentes necesita un cliente: la venta es a consumidor final."];
        }

        if (string.IsNullOrWhiteSpace(prescriptionReference) || prescriptionReference.Trim().Length > 100)
        {
            errors["prescriptionReference"] = ["Escriba la referencia de la receta (hasta 100 caracteres)."];
        }

        if (string.IsNullOrWhiteSpace(laboratory) || laboratory.Trim().Length > 200)
        {
            errors["laboratory"] = ["Escriba el laboratorio (hasta 200 caracteres)."];
        }

        if (errors.Count > 0)
        {
            throw new StoreValidationException(errors);
        }

        var now = time.GetUtcNow();
        var order = new LensOrder
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now.UtcDateTime,
            SaleId = saleId,
            CustomerId = sale!.CustomerId!.Value,
            PrescriptionReference = prescriptionReference!.Trim(),
            Laboratory = laboratory!.Trim(),
            Status = LensOrderStatus.Registrado,
            EstimatedDate = estimatedDate,
        };
        order.Events.Add(Event(order, LensOrderStatus.Registrado, actor, "Pedido registrado."));
        db.LensOrders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary>Moves the order; to <c>listo_para_retirar</c> it mails the customer once, or again when <paramref name="resendReady"/>.</summary>
    /// <returns>Null when there is no such order.</returns>
    public async Task<LensOrder?> MoveAsync(Guid orderId, string to, RequestActor actor, bool resendReady, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.LensOrders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return null;
        }

        if (!LensOrderStatus.CanMove(order.Status, to))
        {
            throw StoreValidationException.Of("status",
                $"El pedido está «{LensOrderStatus.Label(order.Status)}» y no puede pasar a «{LensOrderStatus.Label(to)}».");
        }

        var from = order.Status;
        // Guarded by the state read: two people moving the same order at once cannot both apply their change.
        var moved = await db.LensOrders.Where(o => o.Id == orderId && o.Status == from)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, to), cancellationToken);
        if (moved == 0)
        {
            throw StoreValidationException.Of("status", "Otra persona cambió el pedido al mismo tiempo; vuelva a abrirlo.");
        }

        order.Status = to;
        string detail = $"De «{LensOrderStatus.Label(from)}» a «{LensOrderStatus.Label(to)}».";
        if (to == LensOrderStatus.ListoParaRetirar)
        {
            var claimed = await db.LensOrders.Where(o => o.Id == orderId && (resendReady || !o.ReadyMailSent))
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.ReadyMailSent, true), cancellationToken);
            if (claimed == 1)
            {
                var emailId = await MailReadyAsync(order, cancellationToken);
                detail += emailId is null ? " El cliente no tiene correo: avísele por teléfono." : $" Aviso al cliente encolado (correo {emailId}).";
                if (emailId is not null)
                {
                    await db.LensOrders.Where(o => o.Id == orderId).ExecuteUpdateAsync(u => u.SetProperty(o => o.ReadyEmailId, emailId), cancellationToken);
                    order.ReadyEmailId = emailId;
                }
            }
            else
            {
                detail += " El aviso ya se había enviado; no se repite.";
            }
        }

        db.LensOrderEvents.Add(Event(order, to, actor, detail));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return order;
    }

    private async Task<Guid?> MailReadyAsync(LensOrder order, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == order.CustomerId, cancellationToken);
        if (customer.Email is null)
        {
            return null;
        }

        var request = new EnqueueEmailRequest
        {
            Type = "pedido",
            To = new EmailRecipient(customer.Email, customer.Names, "cliente", customer.Id.ToString()),
            Entity = new EmailEntityRef("pedido", order.Id.ToString()),
            Data = new JsonObject
            {
                ["cliente"] = new JsonObject { ["nombre"] = customer.Names },
                ["pedido"] = new JsonObject
                {
                    ["numero"] = order.Number,
                    ["estado"] = LensOrderStatus.InSentence(LensOrderStatus.ListoParaRetirar),
                    ["detalle"] = $"Sus lentes llegaron del laboratorio {order.Laboratory} (receta {order.PrescriptionReference}) y ya puede retirarlos.",
                    ["fecha_estimada"] = (order.EstimatedDate ?? DateOnly.FromDateTime(EcuadorTime.ToLocal(time.GetUtcNow().UtcDateTime))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                },
                ["sucursal"] = options.Value.BranchName,
            },
        };
        var (entry, _) = await enqueuer.EnqueueAsync(request, new RequestActor(ProcessName, null, false), EmailOrigin.Automatic, cancellationToken);
        return entry.Id;
    }

    private LensOrderEvent Event(LensOrder order, string status, RequestActor actor, string detail) => new()
    {
        Id = Guid.CreateVersion7(time.GetUtcNow()),
        OrderId = order.Id,
        OccurredAt = time.GetUtcNow().UtcDateTime,
        Status = status,
        Actor = actor.Name,
        Detail = detail.Length > 500 ? detail[..500] : detail,
    };
}
