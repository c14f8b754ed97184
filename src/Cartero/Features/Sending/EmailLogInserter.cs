using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cartero.Features.Sending;

/// <summary>
/// Inserts new emails (the <c>log_envio_correo</c> row, its content and its first events) in one transaction, with
/// plain commands whose columns and value conversions come from EF Core's model, so the rows are exactly what EF Core
/// would write and a column added to the model is written too. The enqueue half of the hot path: building commands
/// through change tracking cost about a fifth of enqueueing (see docs/performance.md).
/// </summary>
public sealed class EmailLogInserter
{
    private readonly ConcurrentDictionary<Type, Statements> _statements = new();

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

        var statements = _statements.GetOrAdd(db.GetType(), _ => Statements.For(db));
        var owned = db.Database.CurrentTransaction is null;
        var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var dbTransaction = transaction.GetDbTransaction();
            if (dbTransaction.Connection!.CanCreateBatch)
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
    private static async Task InsertPreparedAsync(DbTransaction transaction, Statements statements, IReadOnlyList<EmailLogEntry> entries, CancellationToken cancellationToken)
    {
        await using var row = Command(transaction, statements.Email.Sql);
        await using var content = Command(transaction, statements.Content.Sql);
        await using var evt = Command(transaction, statements.Event.Sql);
        foreach (var entry in entries)
        {
            statements.Email.Bind(row, entry);
            await row.ExecuteNonQueryAsync(cancellationToken);
            if (entry.Content is { } body)
            {
                statements.Content.Bind(content, body);
                await content.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var e in entry.Events)
            {
                statements.Event.Bind(evt, e);
                await evt.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>A client/server engine (PostgreSQL) pays a round trip per statement: all rows travel as one batch.</summary>
    private static async Task InsertInOneRoundTripAsync(DbTransaction transaction, Statements statements, IReadOnlyList<EmailLogEntry> entries, CancellationToken cancellationToken)
    {
        await using var batch = transaction.Connection!.CreateBatch();
        batch.Transaction = transaction;
        await using var binder = transaction.Connection.CreateCommand();
        foreach (var entry in entries)
        {
            Add(batch, binder, statements.Email, entry);
            if (entry.Content is { } body)
            {
                Add(batch, binder, statements.Content, body);
            }

            foreach (var e in entry.Events)
            {
                Add(batch, binder, statements.Event, e);
            }
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add<T>(DbBatch batch, DbCommand binder, Insert<T> insert, T source)
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

    /// <summary>An INSERT of every column of one table, with the binder of its values.</summary>
    private sealed record Insert<T>(string Sql, MappedColumn<T>[] Columns)
    {
        public static Insert<T> Into(ISqlGenerationHelper sql, string table, MappedColumn<T>[] columns) => new(
            $"INSERT INTO {sql.DelimitIdentifier(table)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
            columns);

        public void Bind(DbCommand command, T source)
        {
            command.Parameters.Clear();
            for (var i = 0; i < Columns.Length; i++)
            {
                command.Parameters.Add(Columns[i].Parameter(command, $"@p{i}", source));
            }
        }
    }

    private sealed record Statements(Insert<EmailLogEntry> Email, Insert<EmailContent> Content, Insert<EmailLogEvent> Event)
    {
        public static Statements For(CarteroDbContext db)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var emails = db.Model.FindEntityType(typeof(EmailLogEntry))!;
            var contents = db.Model.FindEntityType(typeof(EmailContent))!;
            var events = db.Model.FindEntityType(typeof(EmailLogEvent))!;
            return new Statements(
                Insert<EmailLogEntry>.Into(sql, emails.GetTableName()!, [.. MappedColumn<EmailLogEntry>.AllOf(emails), AttachmentsColumn(db, emails)]),
                Insert<EmailContent>.Into(sql, contents.GetTableName()!, MappedColumn<EmailContent>.AllOf(contents)),
                Insert<EmailLogEvent>.Into(sql, events.GetTableName()!, MappedColumn<EmailLogEvent>.AllOf(events)));
        }

        /// <summary>
        /// The attachments are an owned collection EF Core keeps as JSON in one column: written here as EF Core writes
        /// it (an array of objects with the model's JSON property names; <c>[]</c> when there are none).
        /// </summary>
        private static MappedColumn<EmailLogEntry> AttachmentsColumn(CarteroDbContext db, IEntityType emails)
        {
            var owned = emails.FindNavigation(nameof(EmailLogEntry.Attachments))!.TargetEntityType;
            var columnName = owned.GetContainerColumnName()!;
            var column = db.Model.GetRelationalModel().FindTable(emails.GetTableName()!, emails.GetSchema())!.FindColumn(columnName)!;
            var properties = owned.GetProperties()
                .Where(p => !p.IsShadowProperty())
                .Select(p => (Name: p.GetJsonPropertyName()!, Getter: p.GetGetter(), Type: p.ClrType))
                .ToArray();
            return new MappedColumn<EmailLogEntry>(columnName, column.StoreTypeMapping, column.IsNullable, entry =>
            {
                if (entry.Attachments.Count == 0)
                {
                    return "[]";
                }

                using var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartArray();
                    foreach (var attachment in entry.Attachments)
                    {
                        json.WriteStartObject();
                        foreach (var (name, getter, type) in properties)
                        {
                            json.WritePropertyName(name);
                            JsonSerializer.Serialize(json, getter.GetClrValue(attachment), type);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            });
        }
    }
}
