using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Audit;

/// <summary>
/// Appends rows to <c>log_auditoria</c> chained with HMAC-SHA256 under a key held outside the database
/// (<see cref="ChainKeys"/>): each row's hash covers its content, the key id and the previous row's hash, and ids are
/// consecutive, so editing, deleting, reordering or recomputing any row breaks the chain; the checkpoints outside the
/// database catch a cut tail. Appends are serialised (PostgreSQL advisory lock; SQLite's single writer) so the chain
/// never forks.
/// </summary>
public sealed class AuditTrail(CarteroDbContext db, TimeProvider time, ChainKeys keys, ChainCheckpointStore checkpoints) : IAuditTrail
{
    public const string Genesis = ChainMac.Genesis;
    public const string Name = "log_auditoria";
    internal const long ChainLock = 0x43617274_65726F; // "Cartero"
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The <c>detalle</c> text for <paramref name="details"/>: part of the chain hash, so its format never changes.</summary>
    internal static string? SerializeDetails(object? details) =>
        details is null ? null : JsonSerializer.Serialize(details, details.GetType(), DetailsJson);

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
                await LockChainAsync(db, cancellationToken);
                var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id)
                    .Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(cancellationToken);
                var (keyId, key) = keys.Current;
                var entry = new AuditEntry
                {
                    Id = (last?.Id ?? 0) + 1,
                    OccurredAt = ChainMac.Truncate(time.GetUtcNow().UtcDateTime),
                    Actor = record.Actor,
                    ActorIp = record.ActorIp,
                    Action = record.Action.Code,
                    Target = record.Target,
                    Details = SerializeDetails(record.Details),
                    PreviousHash = last?.Hash ?? Genesis,
                    KeyId = keyId,
                    Hash = "",
                };
                entry.Hash = MacOf(key, entry);
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

    /// <summary>Takes the chain's lock for the current transaction (PostgreSQL; SQLite has one writer anyway).</summary>
    internal static async Task LockChainAsync(CarteroDbContext db, CancellationToken cancellationToken)
    {
        if (db.Engine == DatabaseEngine.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", cancellationToken);
        }
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var (list, _) = await checkpoints.ReadAsync(cancellationToken);
        var result = await VerifyChainAsync(db, keys, list, cancellationToken);
        return new AuditVerification(result.Valid, result.RowsChecked, result.FirstBrokenId, result.Problem);
    }

    /// <summary>
    /// Walks the whole chain: consecutive ids, each row linked to the one before, each HMAC right under the key it
    /// names; rows from before the chain was keyed (no key id) only as a prefix closed by the seal row that counts them;
    /// and at every checkpoint's position the row the checkpoint saw.
    /// </summary>
    internal static async Task<ChainVerification> VerifyChainAsync(CarteroDbContext db, ChainKeys keys, IReadOnlyList<ChainCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        var anchored = new Dictionary<long, ChainCheckpoint>();
        foreach (var c in checkpoints.Where(c => c.AuditRows > 0))
        {
            anchored.TryAdd(c.AuditRows, c);
        }

        long expectedId = 1;
        var previous = Genesis;
        long checkedRows = 0;
        long legacy = 0;
        var keyed = false;
        ChainVerification Broken(long id, string problem) => new(Name, false, checkedRows, id, problem);

        await foreach (var row in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (row.Id != expectedId)
            {
                return Broken(row.Id, $"Falta la fila {expectedId}: el registro salta de {expectedId - 1} a {row.Id} (se borraron o renumeraron filas).");
            }

            if (row.PreviousHash != previous)
            {
                return Broken(row.Id, $"La fila {row.Id} no enlaza con la anterior (cadena rota: se borró, insertó o cambió una fila).");
            }

            if (row.KeyId is null)
            {
                if (keyed)
                {
                    return Broken(row.Id, $"La fila {row.Id} no está firmada con la clave de la cadena, pero filas anteriores sí: fue reescrita sin la clave.");
                }

                if (LegacyHashOf(row) != row.Hash)
                {
                    return Broken(row.Id, $"El contenido de la fila {row.Id} (anterior a la cadena con clave) fue modificado: su hash no coincide.");
                }

                legacy++;
            }
            else
            {
                if (!keys.TryGet(row.KeyId, out var key))
                {
                    return Broken(row.Id, $"La fila {row.Id} está firmada con la clave '{row.KeyId}', que no está en {keys.Location}: restaure esa clave desde su respaldo para poder comprobarla.");
                }

                if (!ChainMac.Same(MacOf(key, row), row.Hash))
                {
                    return Broken(row.Id, $"La fila {row.Id} fue modificada o su hash recalculado sin la clave de la cadena (la firma HMAC no coincide).");
                }

                if (!keyed && legacy > 0 && !IsSealOf(row, legacy))
                {
                    return Broken(row.Id, $"Las {legacy} filas anteriores a la cadena con clave no están cerradas por la fila de sellado que las cuenta: se agregaron o quitaron filas antiguas.");
                }

                keyed = true;
            }

            if (anchored.TryGetValue(row.Id, out var checkpoint) && checkpoint.AuditHead != row.Hash)
            {
                return Broken(row.Id, $"La fila {row.Id} no es la que registró el punto de control del {Local(checkpoint.At)} (el registro fue reescrito desde esa fila).");
            }

            previous = row.Hash;
            expectedId++;
            checkedRows++;
        }

        if (legacy > 0 && !keyed)
        {
            return new ChainVerification(Name, false, checkedRows, null,
                $"Las {legacy} filas del registro no están selladas con la clave de la cadena: inicie Cartero para sellarlas o, si ya se había sellado, el registro fue reescrito.");
        }

        var longest = checkpoints.Count == 0 ? null : checkpoints.MaxBy(c => c.AuditRows);
        if (longest is not null && longest.AuditRows > checkedRows)
        {
            return new ChainVerification(Name, false, checkedRows, checkedRows + 1,
                $"Faltan filas al final: el punto de control del {Local(longest.At)} registró {longest.AuditRows} filas y hay {checkedRows} (se truncó el registro).");
        }

        return new ChainVerification(Name, true, checkedRows, null, null);
    }

    /// <summary>HMAC-SHA256 under the chain key over every field but the hash itself.</summary>
    public static string MacOf(byte[] key, AuditEntry entry) => ChainMac.Compute(key,
        Name, ChainMac.Format(entry.Id), ChainMac.Format(entry.OccurredAt), entry.Actor, entry.ActorIp, entry.Action, entry.Target,
        entry.Details, entry.KeyId, entry.PreviousHash);

    /// <summary>The unkeyed SHA-256 of rows written before the chain had a key: an unambiguous JSON array of every field but the hash.</summary>
    public static string LegacyHashOf(AuditEntry entry)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            entry.Id,
            entry.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            entry.Actor, entry.ActorIp, entry.Action, entry.Target, entry.Details, entry.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    internal static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Guayaquil).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (hora de Ecuador)";

    private static readonly TimeZoneInfo Guayaquil = TimeZoneInfo.FindSystemTimeZoneById("America/Guayaquil");

    private static bool IsSealOf(AuditEntry row, long legacy) =>
        row.Action == ChainSeal.Action && ChainSeal.Parse(row.Details) is { } seal && seal.AuditRows == legacy;
}
