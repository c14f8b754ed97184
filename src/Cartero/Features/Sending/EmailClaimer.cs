using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending;

/// <summary>
/// Reserves due rows for one worker slot with a lease. On PostgreSQL the reservation uses
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of instances can claim concurrently without taking the same row.
/// Rows whose lease expired (their worker died) are taken over and recorded as such.
/// </summary>
public sealed class EmailClaimer(EmailStateMachine stateMachine, EmailTransitionWriter writer, TimeProvider time, IOptions<SendingOptions> options)
{
    // SQLite has a single writer: serialise claims inside this process instead of failing on lock upgrades.
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public async Task<List<EmailLogEntry>> ClaimAsync(CarteroDbContext db, string owner, int batchSize, CancellationToken cancellationToken)
    {
        var gate = db.Engine == DatabaseEngine.Sqlite;
        if (gate)
        {
            await SqliteGate.WaitAsync(cancellationToken);
        }

        try
        {
            return await ClaimCoreAsync(db, owner, batchSize, cancellationToken);
        }
        finally
        {
            if (gate)
            {
                SqliteGate.Release();
            }
        }
    }

    private async Task<List<EmailLogEntry>> ClaimCoreAsync(CarteroDbContext db, string owner, int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        List<Guid> ids;
        if (db.Engine == DatabaseEngine.Postgres)
        {
            ids = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM log_envio_correo
                WHERE (estado IN ('en_cola', 'reintento') AND proximo_intento <= {now})
                   OR (estado = 'enviando' AND lease_expira < {now})
                ORDER BY proximo_intento
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        else
        {
            ids = await DueRows(db, now).Select(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
        }

        if (ids.Count == 0)
        {
            return [];
        }

        // Read without tracking: the writer saves the transitions with prepared statements.
        var entries = await db.Emails.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
        var leaseUntil = now + options.Value.Worker.Lease;
        foreach (var entry in entries)
        {
            var detail = entry.Status == EmailStatus.Enviando
                ? $"Tomado por {owner}: venció la reserva de {entry.LeaseOwner}"
                : $"Reservado por {owner} (intento {entry.Attempts + 1})";
            stateMachine.Transition(entry, EmailStatus.Enviando, new TransitionDetail(detail, Actor: owner));
            entry.LeaseOwner = owner;
            entry.LeaseExpiresAt = leaseUntil;
        }

        await writer.SaveAsync(db, entries, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return entries;
    }

    /// <summary>The rows a worker may take now; also what the health check counts as due.</summary>
    public static IQueryable<EmailLogEntry> DueRows(CarteroDbContext db, DateTime now) =>
        db.Emails
            .Where(e => ((e.Status == EmailStatus.EnCola || e.Status == EmailStatus.Reintento) && e.NextAttemptAt <= now)
                || (e.Status == EmailStatus.Enviando && e.LeaseExpiresAt < now))
            .OrderBy(e => e.NextAttemptAt);
}
