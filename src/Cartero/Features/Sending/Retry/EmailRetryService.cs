using Cartero.Features.Sending.Metrics;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Sending.Retry;

/// <summary>Manual retry: <c>fallido</c> back to <c>en_cola</c>, recorded with who asked.</summary>
public sealed class EmailRetryService(CarteroDbContext db, EmailStateMachine stateMachine, [FromKeyedServices(SendingModule.WorkSignalKey)] Platform.WorkSignal signal, TimeProvider time, SendingMetrics metrics)
{
    /// <summary>
    /// Retries every <c>fallido</c> email among <paramref name="candidates"/> (a filtered query), in batches,
    /// each batch in its own transaction; returns how many went back to the queue.
    /// </summary>
    public async Task<int> RetryManyAsync(IQueryable<EmailLogEntry> candidates, RequestActor actor, CancellationToken cancellationToken)
    {
        // A purged email has nothing left to send.
        var ids = await candidates.Where(e => e.Status == EmailStatus.Fallido && e.ContentPurgedAt == null).Select(e => e.Id).ToListAsync(cancellationToken);
        var retried = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            var entries = await db.Emails.Where(e => chunk.Contains(e.Id) && e.Status == EmailStatus.Fallido).ToListAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var entry in entries)
            {
                stateMachine.Transition(entry, EmailStatus.EnCola, new TransitionDetail(
                    $"Reintento manual en lote solicitado por {actor.Name} (intentos previos: {entry.Attempts})", Actor: actor.Name));
                entry.Attempts = 0;
                entry.NextAttemptAt = now;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            retried += entries.Count;
        }

        signal.Notify();
        metrics.RecordManualRetries(retried);
        return retried;
    }

    /// <summary>Returns the email after the retry, or null when it does not exist. Throws <see cref="InvalidEmailTransitionException"/> when it is not <c>fallido</c>.</summary>
    public async Task<EmailLogEntry?> RetryAsync(Guid id, RequestActor actor, CancellationToken cancellationToken)
    {
        var entry = await db.Emails.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        // Only a failed email goes back: one in enviando is in a worker's hands (the state machine allows
        // enviando -> en_cola for the worker itself, not for a person).
        if (entry.Status != EmailStatus.Fallido)
        {
            throw new InvalidEmailTransitionException(entry.Id, entry.Status, EmailStatus.EnCola);
        }

        if (entry.ContentPurgedAt is not null)
        {
            throw new InvalidEmailTransitionException(entry.Id, entry.Status, EmailStatus.EnCola,
                "El contenido de este correo se depuró al vencer su plazo de retención; ya no se puede reintentar. Pida al sistema de origen que lo envíe de nuevo.");
        }

        var previousAttempts = entry.Attempts;
        stateMachine.Transition(entry, EmailStatus.EnCola, new TransitionDetail(
            $"Reintento manual solicitado por {actor.Name} (intentos previos: {previousAttempts})", Actor: actor.Name));
        // A manual retry gets a fresh retry budget; the earlier attempts stay in the event history.
        entry.Attempts = 0;
        entry.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        metrics.RecordManualRetries(1);
        return entry;
    }
}
