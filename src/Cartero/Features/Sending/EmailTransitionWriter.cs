using System.Collections.Concurrent;
using System.Data.Common;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cartero.Features.Sending;

/// <summary>
/// Saves what <see cref="EmailStateMachine"/> did to emails the worker read without tracking: per email one
/// <c>UPDATE</c> of its state columns, guarded by the state it was read in and the lease owner it had then
/// (<see cref="EmailLogEntry.LeaseOwnerAsRead"/>), and one <c>INSERT</c> per new event,
/// in the caller's transaction. The commands are prepared once per batch and reused, and values are converted by
/// EF Core's own type mappings, so both engines store exactly what EF Core would. This is the worker's hot path:
/// EF Core's change tracking cost more than the statements themselves (see docs/performance.md).
/// </summary>
public sealed partial class EmailTransitionWriter(ILogger<EmailTransitionWriter> log)
{
    private readonly ConcurrentDictionary<Type, Statements> _statements = new();

    /// <summary>
    /// Writes the pending transitions of <paramref name="entries"/> and clears their <see cref="EmailLogEntry.Events"/>.
    /// An email whose row is no longer in the state it was read in, or no longer held by the lease owner it had then
    /// (another worker took over an expired lease, and may have recorded it already), is left as that worker wrote it.
    /// </summary>
    /// <returns>How many emails were written.</returns>
    public async Task<int> SaveAsync(CarteroDbContext db, IReadOnlyList<EmailLogEntry> entries, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("EmailTransitionWriter escribe dentro de la transacción de quien llama: abra una con BeginTransactionAsync.");
        var statements = _statements.GetOrAdd(db.GetType(), _ => Statements.For(db));
        if (transaction.Connection!.CanCreateBatch)
        {
            return await SaveInOneRoundTripAsync(transaction, statements, entries, cancellationToken);
        }

        // SQLite runs in this process: one prepared statement per shape, executed per row, is the cheapest.
        await using var update = transaction.Connection!.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = statements.UpdateSql;
        await using var insert = transaction.Connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = statements.InsertEventSql;

        var written = 0;
        foreach (var (entry, readAs) in Changed(entries))
        {
            statements.BindUpdate(update, entry, readAs);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                LogMovedOn(log, entry.Id, readAs.ToCode());
                entry.Events.Clear();
                continue;
            }

            foreach (var evt in entry.Events)
            {
                statements.BindEvent(insert, evt);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            entry.Events.Clear();
            written++;
        }

        return written;
    }

    /// <summary>
    /// A client/server engine (PostgreSQL) pays a round trip per statement: there each email is one statement, the
    /// guarded UPDATE feeding the event INSERT (no event when the guard fails), and all of them travel as one batch.
    /// </summary>
    private async Task<int> SaveInOneRoundTripAsync(DbTransaction transaction, Statements statements, IReadOnlyList<EmailLogEntry> entries, CancellationToken cancellationToken)
    {
        await using var batch = transaction.Connection!.CreateBatch();
        batch.Transaction = transaction;
        await using var binder = transaction.Connection.CreateCommand();
        var sent = new List<(EmailLogEntry Entry, EmailStatus ReadAs)>();
        foreach (var (entry, readAs) in Changed(entries))
        {
            statements.BindUpdate(binder, entry, readAs);
            for (var i = 0; i < entry.Events.Count; i++)
            {
                statements.BindEvent(binder, entry.Events[i], $"@e{i}_", append: true);
            }

            batch.Add(statements.UpdateWithEventsSql(entry.Events.Count), binder);
            sent.Add((entry, readAs));
        }

        if (sent.Count == 0)
        {
            return 0;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        var written = 0;
        for (var i = 0; i < sent.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected == 0)
            {
                LogMovedOn(log, sent[i].Entry.Id, sent[i].ReadAs.ToCode());
            }
            else
            {
                written++;
            }

            sent[i].Entry.Events.Clear();
        }

        return written;
    }

    /// <summary>The emails with transitions to save, each with the state it was read in (what its row must still say).</summary>
    private static IEnumerable<(EmailLogEntry Entry, EmailStatus ReadAs)> Changed(IReadOnlyList<EmailLogEntry> entries) =>
        entries.Where(e => e.Events.Count > 0).Select(e => (e, e.Events[0].PreviousStatus
            ?? throw new InvalidOperationException($"El correo {e.Id} es nuevo: lo guarda EmailLogInserter, no EmailTransitionWriter.")));

    [LoggerMessage(Level = LogLevel.Warning, Message = "El correo {EmailId} ya no estaba en {Estado} con la reserva leída: otro proceso lo tomó o lo registró; se conserva lo que ese proceso escribió")]
    private static partial void LogMovedOn(ILogger logger, Guid emailId, string estado);

    /// <summary>SQL text and parameter binders for one DbContext type (one engine), built from its model.</summary>
    private sealed class Statements
    {
        private readonly MappedColumn<EmailLogEntry>[] _updated;
        private readonly MappedColumn<EmailLogEntry> _id;
        private readonly MappedColumn<EmailLogEntry> _status;
        private readonly MappedColumn<EmailLogEntry> _count;
        private readonly MappedColumn<EmailLogEntry> _leaseOwner;
        private readonly MappedColumn<EmailLogEvent>[] _eventColumns;

        private readonly ConcurrentDictionary<int, string> _updateWithEvents = new();
        private readonly string _eventInto;

        private Statements(string updateSql, string insertEventSql, string eventInto, MappedColumn<EmailLogEntry>[] updated, MappedColumn<EmailLogEntry> id, MappedColumn<EmailLogEntry> status, MappedColumn<EmailLogEntry> count, MappedColumn<EmailLogEntry> leaseOwner, MappedColumn<EmailLogEvent>[] eventColumns)
        {
            UpdateSql = updateSql;
            InsertEventSql = insertEventSql;
            _eventInto = eventInto;
            _updated = updated;
            _id = id;
            _status = status;
            _count = count;
            _leaseOwner = leaseOwner;
            _eventColumns = eventColumns;
        }

        public string UpdateSql { get; }
        public string InsertEventSql { get; }

        public static Statements For(CarteroDbContext db)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var emails = db.Model.FindEntityType(typeof(EmailLogEntry))!;
            var events = db.Model.FindEntityType(typeof(EmailLogEvent))!;

            MappedColumn<EmailLogEntry> Of(string property) => MappedColumn<EmailLogEntry>.Of(emails.FindProperty(property)!);

            // Every column a transition may change; the rest of the row is written once, at enqueue.
            MappedColumn<EmailLogEntry>[] updated =
            [
                Of(nameof(EmailLogEntry.Status)),
                Of(nameof(EmailLogEntry.LastError)),
                Of(nameof(EmailLogEntry.Provider)),
                Of(nameof(EmailLogEntry.ProviderMessageId)),
                Of(nameof(EmailLogEntry.Attempts)),
                Of(nameof(EmailLogEntry.NextAttemptAt)),
                Of(nameof(EmailLogEntry.LastAttemptAt)),
                Of(nameof(EmailLogEntry.LeaseOwner)),
                Of(nameof(EmailLogEntry.LeaseExpiresAt)),
                Of(nameof(EmailLogEntry.PendingRecipients)),
                // The head of the email's event chain moves with every event (see Audit/EmailEventChain).
                Of(nameof(EmailLogEntry.EventCount)),
                Of(nameof(EmailLogEntry.EventsHead)),
            ];
            var id = Of(nameof(EmailLogEntry.Id));
            var status = Of(nameof(EmailLogEntry.Status));
            var count = Of(nameof(EmailLogEntry.EventCount));
            var leaseOwner = Of(nameof(EmailLogEntry.LeaseOwner));
            // Every column of an event but its generated key, so a column added to the model is written too.
            var eventColumns = MappedColumn<EmailLogEvent>.AllOf(events);

            var set = string.Join(", ", updated.Select((c, i) => $"{sql.DelimitIdentifier(c.Name)} = @u{i}"));
            var updateSql = $"UPDATE {sql.DelimitIdentifier(emails.GetTableName()!)} SET {set} " +
                $"WHERE {sql.DelimitIdentifier(id.Name)} = @id AND {sql.DelimitIdentifier(status.Name)} = @was" +
                $" AND {sql.DelimitIdentifier(count.Name)} = @chained" +
                $" AND {sql.DelimitIdentifier(leaseOwner.Name)} {(db.Engine == DatabaseEngine.Postgres ? "IS NOT DISTINCT FROM" : "IS")} @holder";
            var eventInto = $"INSERT INTO {sql.DelimitIdentifier(events.GetTableName()!)} " +
                $"({string.Join(", ", eventColumns.Select(c => sql.DelimitIdentifier(c.Name)))})";
            var insertSql = $"{eventInto} VALUES ({string.Join(", ", eventColumns.Select((_, i) => $"@e{i}"))})";
            return new Statements(updateSql, insertSql, eventInto, updated, id, status, count, leaseOwner, eventColumns);
        }

        /// <summary>PostgreSQL: the guarded UPDATE as a CTE; its events are inserted only if it changed the row.</summary>
        public string UpdateWithEventsSql(int events) => _updateWithEvents.GetOrAdd(events, n =>
        {
            var columns = string.Join(", ", _eventColumns.Select((_, i) => $"c{i}"));
            var rows = string.Join(", ", Enumerable.Range(0, n).Select(e => $"({string.Join(", ", _eventColumns.Select((_, i) => $"@e{e}_{i}"))})"));
            return $"WITH changed AS ({UpdateSql} RETURNING 1) {_eventInto} SELECT {columns} FROM changed CROSS JOIN (VALUES {rows}) AS v({columns})";
        });

        public void BindUpdate(DbCommand command, EmailLogEntry entry, EmailStatus readAs)
        {
            command.Parameters.Clear();
            for (var i = 0; i < _updated.Length; i++)
            {
                command.Parameters.Add(_updated[i].Parameter(command, $"@u{i}", entry));
            }

            command.Parameters.Add(_id.Parameter(command, "@id", entry));
            command.Parameters.Add(_status.Mapping.CreateParameter(command, "@was", readAs, nullable: false));
            // Also guarded by the chain's length as read: a writer that lost a race must not fork the email's chain.
            command.Parameters.Add(_count.Mapping.CreateParameter(command, "@chained", entry.EventCount - entry.Events.Count, nullable: false));
            command.Parameters.Add(_leaseOwner.Mapping.CreateParameter(command, "@holder", entry.LeaseOwnerAsRead, nullable: true));
        }

        public void BindEvent(DbCommand command, EmailLogEvent evt, string prefix = "@e", bool append = false)
        {
            if (!append)
            {
                command.Parameters.Clear();
            }

            for (var i = 0; i < _eventColumns.Length; i++)
            {
                command.Parameters.Add(_eventColumns[i].Parameter(command, $"{prefix}{i}", evt));
            }
        }
    }
}
