using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cartero.Platform.Data;

/// <summary>
/// Which exceptions mean "the database cannot be written or reached right now" (as opposed to a bug or bad data):
/// a read-only, full, missing or locked SQLite file, or a PostgreSQL server that is down, starting, shutting down,
/// read-only or out of connections. Looked for anywhere in the chain, since EF Core wraps them.
/// </summary>
public static class DatabaseUnavailable
{
    // SQLite primary result codes (the low byte of the extended code).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoErr = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    public static bool Is(Exception? exception) => Find(exception) is not null;

    /// <summary>The database exception in the chain that means unavailability, or null.</summary>
    public static Exception? Find(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(Find).FirstOrDefault(e => e is not null);
            }

            if (Matches(ex))
            {
                return ex;
            }
        }

        return null;
    }

    private static bool Matches(Exception ex) => ex switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIoErr or SqliteFull or SqliteCantOpen,
        PostgresException pg => IsUnavailableState(pg.SqlState),
        // Without a server answer (refused, reset, timed out, pool exhausted) Npgsql throws its base exception.
        NpgsqlException => true,
        StorageUnavailableException => true,
        _ => false,
    };

    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) // connection exception
        || state.StartsWith("53", StringComparison.Ordinal) // insufficient resources: disk full, out of memory, too many connections
        || state.StartsWith("57P", StringComparison.Ordinal) // admin/crash shutdown, cannot connect now (starting up)
        || state == "25006"; // read_only_sql_transaction: a standby or a read-only default
}
