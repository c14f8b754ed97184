using System.Data.Common;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cartero.Features.Sending.Enqueue;

/// <summary>
/// Inserts new emails (the <c>log_envio_correo</c> row, its content and its first events) in one transaction, with
/// plain commands built by <see cref="SendLogStatements"/> from EF Core's model, so the rows are exactly what EF Core
/// would write and a column added to the model is written too. The enqueue half of the hot path: building commands
/// through change tracking cost about a fifth of enqueueing (see docs/performance.md).
/// </summary>
public sealed class EmailLogInserter
{
    /// <summary>
    /// Inserts <paramref name="entries"/> in the current transaction, or in one of its own. A unique key that is
    /// already stored (an idempotency key another request won) throws the engine's <see cref="DbException"/> and
    /// nothing of the call is kept.
    /// </summary>
    public async Task InsertAsync(CarteroDbContext db, IReadOnlyList<EmailLogEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var statements = SendLogStatements.For(db);
        var owned = db.Database.CurrentTransaction is null;
        var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var dbTransaction = transaction.GetDbTransaction();
            if (statements.Engine == DatabaseEngine.Postgres)
            {
                await InsertInOneRoundTripAsync(dbTransaction, statements, entries, cancellationToken);
            }
            else
            {
                await InsertPreparedAsync(dbTransaction, statements, entries, cancellationToken);
            }

            if (owned)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (owned)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>SQLite runs in this process: one prepared statement per table, executed per row, is the cheapest.</summary>
    private static async Task InsertPreparedAsync(DbTransaction transaction, SendLogStatements statements, IReadOnlyList<EmailLogEntry> entries, CancellationToken cancellationToken)
    {
        await using var row = Command(transaction, statements.InsertEmail.Sql);
        await using var content = Command(transaction, statements.InsertContent.Sql);
        await using var evt = Command(transaction, statements.InsertEvent.Sql);
        foreach (var entry in entries)
        {
            statements.InsertEmail.Bind(row, entry);
            await row.ExecuteNonQueryAsync(cancellationToken);
            if (entry.Content is { } body)
            {
                statements.InsertContent.Bind(content, body);
                await content.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var e in entry.Events)
            {
                statements.InsertEvent.Bind(evt, e);
                await evt.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>A client/server engine (PostgreSQL) pays a round trip per statement: all rows travel as one batch.</summary>
    private static async Task InsertInOneRoundTripAsync(DbTransaction transaction, SendLogStatements statements, IReadOnlyList<EmailLogEntry> entries, CancellationToken cancellationToken)
    {
        await using var batch = transaction.Connection!.CreateBatch();
        batch.Transaction = transaction;
        await using var binder = transaction.Connection.CreateCommand();
        foreach (var entry in entries)
        {
            Add(batch, binder, statements.InsertEmail, entry);
            if (entry.Content is { } body)
            {
                Add(batch, binder, statements.InsertContent, body);
            }

            foreach (var e in entry.Events)
            {
                Add(batch, binder, statements.InsertEvent, e);
            }
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add<T>(DbBatch batch, DbCommand binder, SendLogStatements.Insert<T> insert, T source)
    {
        insert.Bind(binder, source);
        batch.Add(insert.Sql, binder);
    }

    private static DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
