using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Store;

/// <summary>A lens order's history (<c>pedido_evento</c>) is append-only on both engines: no UPDATE, no DELETE, whoever connects.</summary>
public abstract class LensOrderHistoryTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task The_history_of_a_lens_order_cannot_be_rewritten_or_deleted()
    {
        var app = await NewAppAsync();
        var actor = new RequestActor("vendedor@optica.ec", null, false);
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedor@optica.ec");
        var customer = await StoreFixture.CustomerAsync(app, "maria@correo.ec");
        var product = await StoreFixture.ProductAsync(app, "LEN-09", stock: 5, minimum: 0);
        var sale = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id);
        var order = await StoreFixture.WithAsync<LensOrderService, LensOrder>(app, s => s.CreateAsync(sale.Id, "RX-9", "Laboratorio Andes", null, actor, Ct));
        await StoreFixture.WithAsync<LensOrderService, LensOrder?>(app, s => s.MoveAsync(order.Id, LensOrderStatus.EnLaboratorio, actor, false, Ct));
        var before = await HistoryAsync(app, order.Id);
        Assert.Equal([LensOrderStatus.EnLaboratorio, LensOrderStatus.Registrado], before.Select(e => e.Status).Order(StringComparer.Ordinal).ToArray());

        List<string> attempts =
        [
            $"UPDATE pedido_evento SET estado = 'entregado' WHERE pedido_id = '{Key(order.Id)}'",
            $"UPDATE pedido_evento SET actor = 'otra persona'",
            $"DELETE FROM pedido_evento WHERE pedido_id = '{Key(order.Id)}'",
            "DELETE FROM pedido_evento",
        ];
        if (OnPostgres)
        {
            attempts.Add("TRUNCATE pedido_evento");
        }

        foreach (var sql in attempts)
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct)));
            Assert.Contains("pedido_evento solo admite inserciones", refused.Message + refused.InnerException?.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await HistoryAsync(app, order.Id));
        // Appending stays possible: the next change of state is one more row.
        await StoreFixture.WithAsync<LensOrderService, LensOrder?>(app, s => s.MoveAsync(order.Id, LensOrderStatus.ListoParaRetirar, actor, false, Ct));
        Assert.Equal(3, (await HistoryAsync(app, order.Id)).Count);
    }

    // SQLite keeps a Guid as upper-case text; PostgreSQL as uuid, which reads either case.
    private static string Key(Guid id) => id.ToString().ToUpperInvariant();

    private static Task<List<(string Status, string Actor, DateTime OccurredAt)>> HistoryAsync(CarteroAppFactory app, Guid orderId) =>
        app.WithDbAsync(async db => (await db.LensOrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(Ct)).Select(e => (e.Status, e.Actor, e.OccurredAt)).ToList());
}

public sealed class SqliteLensOrderHistoryTests() : LensOrderHistoryTests(null);

public sealed class PostgresLensOrderHistoryTests(PostgresCluster postgres) : LensOrderHistoryTests(postgres);
