using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cartero.Features.Sending;

/// <summary>
/// Every statement of the send log's hot path, built in one place from the EF Core model of one DbContext type (one
/// engine): the enqueue INSERTs (<see cref="EmailLogInserter"/>), the guarded UPDATE and the event INSERT of a
/// transition (<see cref="EmailTransitionWriter"/>) and PostgreSQL's claim (<see cref="EmailClaimer"/>). Table and
/// column names come from the model through <see cref="ISqlGenerationHelper"/> and values are converted by the
/// model's type mappings (<see cref="MappedColumn{T}"/>), so a renamed or added column needs no change here and the
/// rows are what EF Core would write. Engine differences follow <see cref="CarteroDbContext.Engine"/>, never what the
/// ADO.NET provider happens to support.
/// </summary>
/// <remarks>
/// What a transition writes is not a hand-kept list: <see cref="Remember"/> keeps the row as this process read or
/// last wrote it (every column of <c>log_envio_correo</c> but the key, the attachments JSON included), and
/// <see cref="UpdateFor"/> sets exactly the columns whose value differs from it. A column a transition changes is
/// therefore always written, and one it leaves alone is never overwritten with a stale value. The UPDATE text is
/// cached per set of columns (a handful of shapes in practice).
/// </remarks>
internal sealed class SendLogStatements
{
    private static readonly ConcurrentDictionary<Type, SendLogStatements> Cache = new();

    private readonly ISqlGenerationHelper _sql;
    private readonly string _emailTable;
    private readonly MappedColumn<EmailLogEntry>[] _stored;
    private readonly int _statusIndex;
    private readonly int _countIndex;
    private readonly int _leaseOwnerIndex;
    private readonly int _dueIndex;
    private readonly MappedColumn<EmailLogEntry> _id;
    private readonly string _eventInto;
    private readonly ConcurrentDictionary<ulong, Update> _updates = new();
    private readonly ConcurrentDictionary<(ulong Columns, int Events), string> _updatesWithEvents = new();

    private SendLogStatements(CarteroDbContext db)
    {
        Engine = db.Engine;
        _sql = db.GetService<ISqlGenerationHelper>();
        var emails = db.Model.FindEntityType(typeof(EmailLogEntry))!;
        var contents = db.Model.FindEntityType(typeof(EmailContent))!;
        var events = db.Model.FindEntityType(typeof(EmailLogEvent))!;
        _emailTable = emails.GetTableName()!;

        MappedColumn<EmailLogEntry> Of(string property) => MappedColumn<EmailLogEntry>.Of(emails.FindProperty(property)!);

        var key = emails.FindPrimaryKey()!.Properties.Single();
        _id = MappedColumn<EmailLogEntry>.Of(key);
        var columns = MappedColumn<EmailLogEntry>.AllOf(emails);
        var attachments = AttachmentsColumn(db, emails);
        InsertEmail = Insert<EmailLogEntry>.Into(_sql, _emailTable, [.. columns, attachments]);
        InsertContent = Insert<EmailContent>.Into(_sql, contents.GetTableName()!, MappedColumn<EmailContent>.AllOf(contents));
        // Every column of an event but its generated key, so a column added to the model is written too.
        InsertEvent = Insert<EmailLogEvent>.Into(_sql, events.GetTableName()!, MappedColumn<EmailLogEvent>.AllOf(events));
        _eventInto = $"INSERT INTO {_sql.DelimitIdentifier(events.GetTableName()!)} ({string.Join(", ", InsertEvent.Columns.Select(c => _sql.DelimitIdentifier(c.Name)))})";

        _stored = [.. columns.Where(c => c.Name != _id.Name), attachments];
        if (_stored.Length > 64)
        {
            throw new InvalidOperationException($"{_emailTable} tiene {_stored.Length} columnas; el conjunto de columnas cambiadas es de 64 bits.");
        }

        int IndexOf(string property)
        {
            var name = Of(property).Name;
            return Array.FindIndex(_stored, c => c.Name == name);
        }

        _statusIndex = IndexOf(nameof(EmailLogEntry.Status));
        _countIndex = IndexOf(nameof(EmailLogEntry.EventCount));
        _leaseOwnerIndex = IndexOf(nameof(EmailLogEntry.LeaseOwner));
        _dueIndex = IndexOf(nameof(EmailLogEntry.NextAttemptAt));
        ClaimSql = Engine == DatabaseEngine.Postgres ? BuildClaim(emails) : null;
    }

    public DatabaseEngine Engine { get; }

    public Insert<EmailLogEntry> InsertEmail { get; }
    public Insert<EmailContent> InsertContent { get; }
    public Insert<EmailLogEvent> InsertEvent { get; }

    /// <summary>
    /// PostgreSQL's claim: the ids of up to <c>@batch</c> due rows (waiting and due at <c>@now</c>, or <c>enviando</c>
    /// with an expired or no lease), locked, skipping rows another instance holds. The same rows as
    /// <see cref="EmailClaimer.DueRows"/>. Null on SQLite, which has a single writer and claims through that query.
    /// </summary>
    public string? ClaimSql { get; }

    /// <summary>The statements of <paramref name="db"/>'s type, built on first use.</summary>
    public static SendLogStatements For(CarteroDbContext db) => Cache.GetOrAdd(db.GetType(), _ => new SendLogStatements(db));

    /// <summary>Keeps <paramref name="entry"/> as it is stored now: what its next UPDATE is guarded by and compared with.</summary>
    public void Remember(EmailLogEntry entry)
    {
        var values = new object?[_stored.Length];
        for (var i = 0; i < _stored.Length; i++)
        {
            values[i] = _stored[i].Read(entry);
        }

        entry.AsStored = values;
    }

    /// <summary>
    /// The UPDATE that brings the stored row to <paramref name="entry"/>'s values: the columns that differ from what
    /// <see cref="Remember"/> kept (none when the transition only added events: the chain columns still move),
    /// guarded by the id, and by the state, the chain length and the lease owner as remembered.
    /// </summary>
    public Update UpdateFor(EmailLogEntry entry, out object?[] stored)
    {
        stored = entry.AsStored
            ?? throw new InvalidOperationException($"No se conoce la fila guardada del correo {entry.Id}: léala con EmailTransitionWriter.Remember antes de escribir sus transiciones.");
        var changed = 0UL;
        for (var i = 0; i < _stored.Length; i++)
        {
            if (!Equals(_stored[i].Read(entry), stored[i]))
            {
                changed |= 1UL << i;
            }
        }

        return _updates.GetOrAdd(changed, BuildUpdate);
    }

    /// <summary>The state of the row as remembered.</summary>
    public EmailStatus StoredStatus(object?[] stored) => (EmailStatus)stored[_statusIndex]!;

    /// <summary>PostgreSQL: <paramref name="update"/> as a CTE feeding the insert of its <paramref name="events"/> events, so no event is written when its guard fails.</summary>
    public string UpdateWithEventsSql(Update update, int events) => _updatesWithEvents.GetOrAdd((update.Changed, events), key =>
    {
        var columns = string.Join(", ", InsertEvent.Columns.Select((_, i) => $"c{i}"));
        var rows = string.Join(", ", Enumerable.Range(0, key.Events).Select(e => $"({string.Join(", ", InsertEvent.Columns.Select((_, i) => $"@e{e}_{i}"))})"));
        return $"WITH changed AS ({update.Sql} RETURNING 1) {_eventInto} SELECT {columns} FROM changed CROSS JOIN (VALUES {rows}) AS v({columns})";
    });

    /// <summary>Binds <see cref="ClaimSql"/>'s parameters.</summary>
    public void BindClaim(DbCommand command, DateTime now, int batchSize)
    {
        command.Parameters.Add(_stored[_dueIndex].Mapping.CreateParameter(command, "@now", now, nullable: false));
        var limit = command.CreateParameter();
        limit.ParameterName = "@batch";
        limit.Value = batchSize;
        command.Parameters.Add(limit);
    }

    private string BuildClaim(IEntityType emails)
    {
        string Column(string property) => _sql.DelimitIdentifier(emails.FindProperty(property)!.GetColumnName());
        var status = _stored[_statusIndex].Mapping;
        string Code(EmailStatus s) => status.GenerateSqlLiteral(s);
        var (state, due, expires) = (Column(nameof(EmailLogEntry.Status)), Column(nameof(EmailLogEntry.NextAttemptAt)), Column(nameof(EmailLogEntry.LeaseExpiresAt)));
        return $"SELECT {_sql.DelimitIdentifier(_id.Name)} FROM {_sql.DelimitIdentifier(_emailTable)} " +
            $"WHERE ({state} IN ({Code(EmailStatus.EnCola)}, {Code(EmailStatus.Reintento)}) AND {due} <= @now) " +
            $"OR ({state} = {Code(EmailStatus.Enviando)} AND ({expires} < @now OR {expires} IS NULL)) " +
            $"ORDER BY {due} LIMIT @batch FOR UPDATE SKIP LOCKED";
    }

    private Update BuildUpdate(ulong changed)
    {
        var set = new List<int>();
        for (var i = 0; i < _stored.Length; i++)
        {
            if ((changed & (1UL << i)) != 0)
            {
                set.Add(i);
            }
        }

        var assignments = set.Count == 0
            // Nothing changed but events were added: the guarded no-op still tells whether the row is as remembered.
            ? $"{_sql.DelimitIdentifier(_id.Name)} = {_sql.DelimitIdentifier(_id.Name)}"
            : string.Join(", ", set.Select(i => $"{_sql.DelimitIdentifier(_stored[i].Name)} = @u{i}"));
        var sql = $"UPDATE {_sql.DelimitIdentifier(_emailTable)} SET {assignments} " +
            $"WHERE {_sql.DelimitIdentifier(_id.Name)} = @id" +
            $" AND {_sql.DelimitIdentifier(_stored[_statusIndex].Name)} = @was" +
            // Also guarded by the chain's length as read: a writer that lost a race must not fork the email's chain.
            $" AND {_sql.DelimitIdentifier(_stored[_countIndex].Name)} = @chained" +
            $" AND {_sql.DelimitIdentifier(_stored[_leaseOwnerIndex].Name)} {(Engine == DatabaseEngine.Postgres ? "IS NOT DISTINCT FROM" : "IS")} @holder";
        return new Update(this, changed, [.. set], sql);
    }

    /// <summary>
    /// The attachments are an owned collection EF Core keeps as JSON in one column: written here as EF Core writes it
    /// (an array of objects with the model's JSON property names; <c>[]</c> when there are none).
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

    /// <summary>An INSERT of every column of one table, with the binder of its values.</summary>
    internal sealed record Insert<T>(string Sql, MappedColumn<T>[] Columns)
    {
        public static Insert<T> Into(ISqlGenerationHelper sql, string table, MappedColumn<T>[] columns) => new(
            $"INSERT INTO {sql.DelimitIdentifier(table)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
            columns);

        /// <summary>Binds the values of <paramref name="source"/>, named <c>{prefix}{i}</c>; <paramref name="append"/> keeps the parameters already bound.</summary>
        public void Bind(DbCommand command, T source, string prefix = "@p", bool append = false)
        {
            if (!append)
            {
                command.Parameters.Clear();
            }

            for (var i = 0; i < Columns.Length; i++)
            {
                command.Parameters.Add(Columns[i].Parameter(command, $"{prefix}{i}", source));
            }
        }
    }

    /// <summary>A guarded UPDATE of one set of changed columns (<see cref="Changed"/>, a bit per stored column).</summary>
    internal sealed class Update(SendLogStatements owner, ulong changed, int[] columns, string sql)
    {
        public ulong Changed { get; } = changed;
        public string Sql { get; } = sql;

        /// <summary>Binds the new values and the guards (from <paramref name="stored"/>, the row as remembered).</summary>
        public void Bind(DbCommand command, EmailLogEntry entry, object?[] stored)
        {
            command.Parameters.Clear();
            foreach (var i in columns)
            {
                command.Parameters.Add(owner._stored[i].Parameter(command, $"@u{i}", entry));
            }

            command.Parameters.Add(owner._id.Parameter(command, "@id", entry));
            var status = owner._stored[owner._statusIndex];
            command.Parameters.Add(status.Mapping.CreateParameter(command, "@was", stored[owner._statusIndex], nullable: false));
            var count = owner._stored[owner._countIndex];
            command.Parameters.Add(count.Mapping.CreateParameter(command, "@chained", stored[owner._countIndex], nullable: false));
            var holder = owner._stored[owner._leaseOwnerIndex];
            command.Parameters.Add(holder.Mapping.CreateParameter(command, "@holder", stored[owner._leaseOwnerIndex], nullable: true));
        }
    }
}
