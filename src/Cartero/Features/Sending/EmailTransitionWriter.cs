using System.Data.Common;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cartero.Features.Sending;

/// <summary>
/// Saves what <see cref="EmailStateMachine"/> did to emails the worker read without tracking: per email one
/// <c>UPDATE</c> of exactly the columns that changed since the row was read or last written
/// (<see cref="Remember"/>), guarded by the state, the chain length and the lease owner it had then, and one
/// <c>INSERT</c> per new event, in the caller's transaction. The statements come from <see cref="SendLogStatements"/>
/// (built from the EF Core model, cached per DbContext type and per set of changed columns), so both engines store
/// exactly what EF Core would. This is the worker's hot path: EF Core's change tracking cost more than the statements
/// themselves (see docs/performance.md).
/// </summary>
public sealed partial class EmailTransitionWriter(ILogger<EmailTransitionWriter> log)
{
    /// <summary>
    /// Keeps <paramref name="entries"/> as they are stored now (read without tracking, or just inserted): what
    /// <see cref="SaveAsync"/> compares them with and guards their UPDATE by. <see cref="SaveAsync"/> refuses an email
    /// it was not given this way.
    /// </summary>
    public static void Remember(CarteroDbContext db, IEnumerable<EmailLogEntry> entries)
    {
        var statements = SendLogStatements.For(db);
        foreach (var entry in entries)
        {
            statements.Remember(entry);
        }
    }

    /// <summary>
    /// Writes the changes and pending transitions of <paramref name="entries"/>, clears their
    /// <see cref="EmailLogEntry.Events"/> and remembers the rows as written. An email whose row is no longer in the
    /// state it was read in, or no longer held by the lease owner it had then (another worker took over an expired
    /// lease, and may have recorded it already), is left as that worker wrote it.
    /// </summary>
    /// <returns>How many emails were written.</returns>
    public async Task<int> SaveAsync(CarteroDbContext db, IReadOnlyList<EmailLogEntry> entries, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("EmailTransitionWriter escribe dentro de la transacción de quien llama: abra una con BeginTransactionAsync.");
        var statements = SendLogStatements.For(db);
        if (statements.Engine == DatabaseEngine.Postgres)
        {
            return await SaveInOneRoundTripAsync(transaction, statements, entries, cancellationToken);
        }

        // SQLite runs in this process: one prepared statement per shape, executed per row, is the cheapest.
        var updates = new Dictionary<ulong, DbCommand>();
        await using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = statements.InsertEvent.Sql;
        try
        {
            var written = 0;
            foreach (var (entry, update, stored) in Changed(statements, entries))
            {
                if (!updates.TryGetValue(update.Changed, out var command))
                {
                    command = transaction.Connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = update.Sql;
                    updates[update.Changed] = command;
                }

                update.Bind(command, entry, stored);
                if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    LogMovedOn(log, entry.Id, statements.StoredStatus(stored).ToCode());
                    entry.Events.Clear();
                    continue;
                }

                foreach (var evt in entry.Events)
                {
                    statements.InsertEvent.Bind(insert, evt);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                entry.Events.Clear();
                statements.Remember(entry);
                written++;
            }

            return written;
        }
        finally
        {
            foreach (var command in updates.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A client/server engine (PostgreSQL) pays a round trip per statement: there each email is one statement, the
    /// guarded UPDATE feeding the event INSERT (no event when the guard fails), and all of them travel as one batch.
    /// </summary>
    private async Task<int> SaveInOneRoundTripAsync(DbTransaction transaction, SendLogStatements statements, IReadOnlyList<EmailLogEntry> entries, CancellationToken cancellationToken)
    {
        await using var batch = transaction.Connection!.CreateBatch();
        batch.Transaction = transaction;
        await using var binder = transaction.Connection.CreateCommand();
        var sent = new List<(EmailLogEntry Entry, object?[] Stored)>();
        foreach (var (entry, update, stored) in Changed(statements, entries))
        {
            update.Bind(binder, entry, stored);
            for (var i = 0; i < entry.Events.Count; i++)
            {
                statements.InsertEvent.Bind(binder, entry.Events[i], $"@e{i}_", append: true);
            }

            batch.Add(entry.Events.Count > 0 ? statements.UpdateWithEventsSql(update, entry.Events.Count) : update.Sql, binder);
            sent.Add((entry, stored));
        }

        if (sent.Count == 0)
        {
            return 0;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        var written = 0;
        for (var i = 0; i < sent.Count; i++)
        {
            sent[i].Entry.Events.Clear();
            if (batch.BatchCommands[i].RecordsAffected == 0)
            {
                LogMovedOn(log, sent[i].Entry.Id, statements.StoredStatus(sent[i].Stored).ToCode());
            }
            else
            {
                statements.Remember(sent[i].Entry);
                written++;
            }
        }

        return written;
    }

    /// <summary>
    /// The emails with something to save (new events or changed columns: a changed column is never left unwritten),
    /// each with its UPDATE and the row as remembered.
    /// </summary>
    private static IEnumerable<(EmailLogEntry Entry, SendLogStatements.Update Update, object?[] Stored)> Changed(SendLogStatements statements, IReadOnlyList<EmailLogEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Events.Count > 0 && entry.Events[0].PreviousStatus is null)
            {
                throw new InvalidOperationException($"El correo {entry.Id} es nuevo: lo guarda EmailLogInserter, no EmailTransitionWriter.");
            }

            var update = statements.UpdateFor(entry, out var stored);
            if (entry.Events.Count > 0 || update.Changed != 0)
            {
                yield return (entry, update, stored);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "El correo {EmailId} ya no estaba en {Estado} con la reserva leída: otro proceso lo tomó o lo registró; se conserva lo que ese proceso escribió")]
    private static partial void LogMovedOn(ILogger logger, Guid emailId, string estado);
}
