using System.Data;
using System.Data.Common;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cartero.Platform.Health;

/// <summary>
/// Can the app write to its database? Reaching it is not enough: a read-only SQLite file or a PostgreSQL standby
/// answers reads while every enqueue fails. SQLite changes a page inside a transaction it rolls back (nothing is
/// written); PostgreSQL is asked whether it is in recovery or read-only. Both cost one round trip.
/// </summary>
internal sealed class DatabaseHealthCheck(CarteroDbContext db) : IHealthCheck
{
    private const int ProbeTimeoutSeconds = 5;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                return db.Engine == DatabaseEngine.Sqlite
                    ? await ProbeSqliteAsync(connection, cancellationToken)
                    : await ProbePostgresAsync(connection, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            SqliteReopenOnFaultInterceptor.Forget(db.Database.GetDbConnection(), ex);
            var reason = DatabaseUnavailable.Is(ex) ? "no se puede escribir ni conectar" : "error inesperado";
            return HealthCheckResult.Unhealthy($"Base de datos {db.Engine}: {reason} ({ex.GetType().Name}: {FirstLine(ex.Message)})");
        }
    }

    private async Task<HealthCheckResult> ProbeSqliteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE alone succeeds on a read-only file in WAL mode; only changing a page finds out. The header's
        // user_version is set to what it is and rolled back: nothing reaches the disk.
        var version = Convert.ToInt64(await ExecuteAsync(connection, "PRAGMA user_version;", scalar: true, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await ExecuteAsync(connection, "BEGIN IMMEDIATE;", scalar: false, cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) is 5 or 6)
        {
            return HealthCheckResult.Degraded($"Base de datos {db.Engine} ocupada: otra escritura tiene el bloqueo desde hace más de {ProbeTimeoutSeconds} s");
        }

        try
        {
            await ExecuteAsync(connection, $"PRAGMA user_version = {version};", scalar: false, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, "ROLLBACK;", scalar: false, CancellationToken.None);
        }

        return HealthCheckResult.Healthy($"{db.Engine} accesible y con escritura");
    }

    private static async Task<object?> ExecuteAsync(DbConnection connection, string sql, bool scalar, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // Short: a writer holding the lock for longer is a busy database, not a broken one, and /health must answer.
        command.CommandTimeout = ProbeTimeoutSeconds;
        command.CommandText = sql;
        return scalar ? await command.ExecuteScalarAsync(cancellationToken) : await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> ProbePostgresAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandTimeout = ProbeTimeoutSeconds;
        command.CommandText = "SELECT pg_is_in_recovery(), current_setting('transaction_read_only')";
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy($"Base de datos {db.Engine}: la consulta de estado no devolvió filas");
        }

        if (reader.GetBoolean(0))
        {
            return HealthCheckResult.Unhealthy($"Base de datos {db.Engine} en recuperación (réplica de solo lectura): no acepta escrituras");
        }

        if (string.Equals(reader.GetString(1), "on", StringComparison.OrdinalIgnoreCase))
        {
            return HealthCheckResult.Unhealthy($"Base de datos {db.Engine} en modo solo lectura (default_transaction_read_only): no acepta escrituras");
        }

        return HealthCheckResult.Healthy($"{db.Engine} accesible y con escritura");
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
