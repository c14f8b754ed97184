using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cartero.Platform.Data;

/// <summary>
/// WAL lets the panel read while the worker writes; synchronous=NORMAL is durable across process crashes in
/// WAL mode and avoids an fsync per commit; busy_timeout makes writers wait instead of failing.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        SqliteReopenOnFaultInterceptor.ReopenIfStale(connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SqliteReopenOnFaultInterceptor.ReopenIfStale(connection);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
