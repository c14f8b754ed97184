using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cartero.Platform.Data;

/// <summary>
/// A SQLite connection opened while its file was read-only (or missing, or failing I/O) stays read-only for as long as
/// the pool keeps it, so the app would keep failing after the operator fixed the file. When a command fails that way
/// the pool is emptied: the next open sees the file as it is now, and sending resumes without a restart.
/// </summary>
internal sealed class SqliteReopenOnFaultInterceptor : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Forget(command.Connection, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(command.Connection, eventData.Exception);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A pooled connection SQLite opened read-only (it falls back to that when the file cannot be opened for writing)
    /// although read-write was asked: the file may be writable again, so the pool is emptied and the file opened afresh.
    /// During a fault that costs one extra open; after it, no request fails on a connection left from it.
    /// </summary>
    public static void ReopenIfStale(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite
            && SQLitePCL.raw.sqlite3_db_readonly(sqlite.Handle, "main") == 1
            && new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode is SqliteOpenMode.ReadWriteCreate or SqliteOpenMode.ReadWrite)
        {
            SqliteConnection.ClearPool(sqlite);
            sqlite.Close();
            sqlite.Open();
        }
    }

    public static void Forget(DbConnection? connection, Exception exception)
    {
        // SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN: the file handle itself is the problem.
        if (connection is SqliteConnection sqlite && exception is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is 8 or 10 or 14)
        {
            SqliteConnection.ClearPool(sqlite);
        }
    }
}
