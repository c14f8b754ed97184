using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Archive;
using Cartero.Features.Sending.Attachments;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Retention;

/// <summary>
/// Removes the content (rendered body, attachment files and the stored <c>.eml</c> of what was sent) of what <see cref="RetentionPlanner"/> says is due. Per
/// email, in one transaction: the content row goes, the row gets <c>contenido_depurado_en</c> and a
/// <c>contenido_depurado</c> event signed into its chain; the row, its attachment metadata (names, sizes, SHA-256) and
/// its history stay. An attachment file goes once no email with content still names it. One instance at a time.
/// </summary>
public sealed partial class ContentPurger(
    IServiceScopeFactory scopes, RetentionPlanner planner, EmailStateMachine machine, AttachmentStore attachments, SentMessageArchive archive, TimeProvider time, ILogger<ContentPurger> log)
{
    public const string ActorName = "cartero:retencion";
    private const int Batch = 200;

    // Any constant shared by every instance; distinct from the other jobs' locks.
    private const long PurgeLock = 0x4361727465726f07;

    /// <summary>Purges everything due now; null when another instance is purging at this moment.</summary>
    /// <returns>How many emails lost their content.</returns>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        await using var lockScope = scopes.CreateAsyncScope();
        var lockDb = lockScope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        await using var instance = await InstanceLock.TryAcquireAsync(lockDb, PurgeLock, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var purged = 0;
        var skipped = new HashSet<Guid>();
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var due = (await planner.DueAsync(db, now, Batch + skipped.Count, cancellationToken)).Where(d => !skipped.Contains(d.EmailId)).ToList();
            if (due.Count == 0)
            {
                break;
            }

            foreach (var candidate in due)
            {
                if (await PurgeOneAsync(db, candidate, now, cancellationToken))
                {
                    purged++;
                }
                else
                {
                    skipped.Add(candidate.EmailId);
                }
            }
        }

        if (purged > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(
                AuditRecord.Of(ActorName, null, AuditAction.PurgeContent, null, new PurgeContentDetails(purged)), cancellationToken);
        }

        return purged;
    }

    private async Task<bool> PurgeOneAsync(CarteroDbContext db, PurgeCandidate candidate, DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        List<string> files;
        List<string> sent;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.Emails.FirstOrDefaultAsync(e => e.Id == candidate.EmailId && e.ContentPurgedAt == null, cancellationToken) is not { } entry)
            {
                return false;
            }

            files = entry.Attachments.Select(a => a.Sha256).Distinct(StringComparer.Ordinal).ToList();
            // The .eml of every accepted attempt holds the same body and attachments; its hash stays on the event.
            sent = await db.EmailEvents.Where(e => e.EmailId == entry.Id && e.MessageSha256 != null)
                .Select(e => e.MessageSha256!).Distinct().ToListAsync(cancellationToken);
            await db.EmailContents.Where(c => c.EmailId == entry.Id).ExecuteDeleteAsync(cancellationToken);
            var term = (candidate.DueAt - candidate.RequestedAt).Days;
            machine.Note(entry, EmailEventKinds.ContentPurged,
                $"Contenido depurado: el plazo de {term} días para «{entry.Type}» venció el {Platform.Web.EcuadorTime.Format(candidate.DueAt)}; quedan el registro, sus eventos, los datos de los adjuntos y el hash del mensaje enviado (su .eml se borra).",
                ActorName);
            entry.ContentPurgedAt = now;
            // The event count is the row's concurrency token: a transition written meanwhile wins, and this email waits for the next run.
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogMovedOn(log, candidate.EmailId);
            return false;
        }

        foreach (var sha in sent)
        {
            // A sent message is unique to its email (its Message-Id is in it): no other email shares its bytes.
            archive.Purge(sha);
        }

        foreach (var sha in files)
        {
            if (!await StillNeededAsync(db, sha, cancellationToken))
            {
                attachments.Delete(sha);
            }
        }

        return true;
    }

    /// <summary>Whether an email that keeps its content names this attachment (files are shared by content hash).</summary>
    private static async Task<bool> StillNeededAsync(CarteroDbContext db, string sha, CancellationToken cancellationToken)
    {
        var pattern = $"%{sha}%";
        var query = db.Engine == DatabaseEngine.Postgres
            ? db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM log_envio_correo WHERE contenido_depurado_en IS NULL AND adjuntos::text LIKE {pattern}")
            : db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM log_envio_correo WHERE contenido_depurado_en IS NULL AND adjuntos LIKE {pattern}");
        return await query.SingleAsync(cancellationToken) > 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "El correo {EmailId} cambió mientras se depuraba su contenido; se depurará en la próxima pasada")]
    private static partial void LogMovedOn(ILogger logger, Guid emailId);
}
