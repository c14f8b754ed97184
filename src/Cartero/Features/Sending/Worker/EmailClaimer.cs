using Cartero.Features.Sending.TestSend;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending.Worker;

/// <summary>
/// Reserves due rows for one worker slot with a lease. On PostgreSQL the reservation uses
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of instances can claim concurrently without taking the same row.
/// Rows whose lease expired (their worker died), or that are <c>enviando</c> with no lease at all, are taken over and
/// recorded as such; an interrupted connection test is closed as <c>fallido</c> instead (a test is never retried).
/// </summary>
public sealed class EmailClaimer(EmailStateMachine stateMachine, EmailTransitionWriter writer, TimeProvider time, IOptions<SendingOptions> options)
{
    /// <summary>
    /// SQLite has a single writer: the worker's writes inside this process (claims, outcomes, lease renewals) take
    /// turns here instead of failing on lock upgrades or sleeping in SQLite's busy handler.
    /// </summary>
    internal static SemaphoreSlim SqliteGate { get; } = new(1, 1);

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

        var ids = db.Engine == DatabaseEngine.Postgres
            ? await LockDueRowsAsync(db, now, batchSize, cancellationToken)
            : await DueRows(db, now).Select(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);

        if (ids.Count == 0)
        {
            return [];
        }

        // Read without tracking: the writer saves the transitions with prepared statements.
        var entries = await db.Emails.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
        var leaseUntil = now + options.Value.Worker.Lease;
        var interruptedTests = new List<EmailLogEntry>();
        EmailTransitionWriter.Remember(db, entries);
        foreach (var entry in entries)
        {
            if (entry.Status == EmailStatus.Enviando && entry.Type == TestMailSender.Type)
            {
                // The process that ran the test died with it; the person who asked saw no answer and may test again.
                entry.LastError = $"La prueba de envío se interrumpió ({Holder(entry)}); no se reintenta: repita la prueba.";
                entry.LeaseOwner = null;
                entry.LeaseExpiresAt = null;
                entry.NextAttemptAt = null;
                stateMachine.Transition(entry, EmailStatus.Fallido, new TransitionDetail(entry.LastError, Actor: owner));
                interruptedTests.Add(entry);
                continue;
            }

            var detail = entry.Status == EmailStatus.Enviando
                ? $"Tomado por {owner}: {Holder(entry)}"
                : $"Reservado por {owner} (intento {entry.Attempts + 1})";
            stateMachine.Transition(entry, EmailStatus.Enviando, new TransitionDetail(detail, Actor: owner));
            entry.LeaseOwner = owner;
            entry.LeaseExpiresAt = leaseUntil;
        }

        await writer.SaveAsync(db, entries, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (interruptedTests.Count > 0)
        {
            entries.RemoveAll(interruptedTests.Contains);
        }

        return entries;
    }

    /// <summary>PostgreSQL: the due rows' ids, locked for this transaction; rows another instance is claiming are skipped.</summary>
    private static async Task<List<Guid>> LockDueRowsAsync(CarteroDbContext db, DateTime now, int batchSize, CancellationToken cancellationToken)
    {
        var statements = SendLogStatements.For(db);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = statements.ClaimSql;
        statements.BindClaim(command, now, batchSize);
        var ids = new List<Guid>(batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static string Holder(EmailLogEntry entry) => entry.LeaseOwner is null
        ? "estaba en enviando sin reserva"
        : $"venció la reserva de {entry.LeaseOwner}";

    /// <summary>
    /// Extends the lease of every row the <paramref name="owners"/> still hold, so a slow provider never lets another
    /// worker take over rows that are still being sent. Runs outside the slots, on a timer.
    /// </summary>
    /// <returns>How many rows were renewed.</returns>
    public async Task<int> RenewAsync(CarteroDbContext db, IReadOnlyCollection<string> owners, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow().UtcDateTime + options.Value.Worker.Lease;
        var gate = db.Engine == DatabaseEngine.Sqlite;
        if (gate)
        {
            await SqliteGate.WaitAsync(cancellationToken);
        }

        try
        {
            return await db.Emails
                .Where(e => e.Status == EmailStatus.Enviando && e.LeaseOwner != null && owners.Contains(e.LeaseOwner))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseExpiresAt, until), cancellationToken);
        }
        finally
        {
            if (gate)
            {
                SqliteGate.Release();
            }
        }
    }

    /// <summary>
    /// <c>enviando</c> rows whose lease is gone (expired, or never set): what a worker will take over. Reported by the
    /// health check so such rows never go unseen.
    /// </summary>
    public static IQueryable<EmailLogEntry> Abandoned(CarteroDbContext db, DateTime now) =>
        db.Emails.Where(e => e.Status == EmailStatus.Enviando && (e.LeaseExpiresAt == null || e.LeaseExpiresAt < now));

    /// <summary>The rows a worker may take now; also what the health check counts as due.</summary>
    public static IQueryable<EmailLogEntry> DueRows(CarteroDbContext db, DateTime now) =>
        db.Emails
            .Where(e => ((e.Status == EmailStatus.EnCola || e.Status == EmailStatus.Reintento) && e.NextAttemptAt <= now)
                || (e.Status == EmailStatus.Enviando && (e.LeaseExpiresAt < now || e.LeaseExpiresAt == null)))
            .OrderBy(e => e.NextAttemptAt);
}
