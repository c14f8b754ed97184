using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Audit;

/// <summary>
/// Appends hash-chained rows to <c>log_auditoria</c>: each row's hash covers its content and the previous
/// row's hash, and ids are consecutive, so editing, deleting or reordering any row breaks the chain.
/// Appends are serialised (PostgreSQL advisory lock; SQLite's single writer) so the chain never forks.
/// </summary>
public sealed class AuditTrail(CarteroDbContext db, TimeProvider time) : IAuditTrail
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long ChainLock = 0x43617274_65726F; // "Cartero"
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<AuditEntry> RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        // Inside a caller's transaction SQLite already holds the write lock; taking the gate too could deadlock.
        var gate = db.Engine == DatabaseEngine.Sqlite && db.Database.CurrentTransaction is null;
        if (gate)
        {
            await SqliteGate.WaitAsync(cancellationToken);
        }

        try
        {
            var owned = db.Database.CurrentTransaction is null;
            var tx = owned ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                if (db.Engine == DatabaseEngine.Postgres)
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", cancellationToken);
                }

                var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id)
                    .Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(cancellationToken);
                var now = time.GetUtcNow().UtcDateTime;
                var entry = new AuditEntry
                {
                    Id = (last?.Id ?? 0) + 1,
                    // Microsecond precision: what both engines store, so the hash can be recomputed from the row.
                    OccurredAt = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc),
                    Actor = record.Actor,
                    ActorIp = record.ActorIp,
                    Action = record.Action,
                    Target = record.Target,
                    Details = record.Details is null ? null : JsonSerializer.Serialize(record.Details, DetailsJson),
                    PreviousHash = last?.Hash ?? Genesis,
                    Hash = "",
                };
                entry.Hash = HashOf(entry);
                db.AuditEntries.Add(entry);
                await db.SaveChangesAsync(cancellationToken);
                if (tx is not null)
                {
                    await tx.CommitAsync(cancellationToken);
                }

                return entry;
            }
            finally
            {
                if (tx is not null)
                {
                    await tx.DisposeAsync();
                }
            }
        }
        finally
        {
            if (gate)
            {
                SqliteGate.Release();
            }
        }
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        long expectedId = 1;
        var previous = Genesis;
        long checkedRows = 0;
        await foreach (var row in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (row.Id != expectedId)
            {
                return new AuditVerification(false, checkedRows, row.Id,
                    $"Falta la fila {expectedId}: el registro salta de {expectedId - 1} a {row.Id} (se borraron filas).");
            }

            if (row.PreviousHash != previous)
            {
                return new AuditVerification(false, checkedRows, row.Id, $"La fila {row.Id} no enlaza con la anterior (cadena rota).");
            }

            if (HashOf(row) != row.Hash)
            {
                return new AuditVerification(false, checkedRows, row.Id, $"El contenido de la fila {row.Id} fue modificado (su hash no coincide).");
            }

            previous = row.Hash;
            expectedId++;
            checkedRows++;
        }

        return new AuditVerification(true, checkedRows, null, null);
    }

    /// <summary>SHA-256 over an unambiguous serialisation (a JSON array) of every field but the hash.</summary>
    public static string HashOf(AuditEntry entry)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            entry.Id,
            entry.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            entry.Actor, entry.ActorIp, entry.Action, entry.Target, entry.Details, entry.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
