using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Retention;

/// <summary>
/// The one query of what is due: emails that still have content, are no longer waiting to be sent, were requested
/// longer ago than their type's term, and are not about (or to) an entity under an active legal hold. The job and
/// <c>retention plan</c> both ask here, so the plan is exactly what the job would do at that instant.
/// </summary>
public sealed class RetentionPlanner
{
    private static readonly EmailStatus[] Pending = [EmailStatus.EnCola, EmailStatus.Enviando, EmailStatus.Reintento];

    /// <summary>Up to <paramref name="limit"/> due emails, oldest first.</summary>
    public async Task<IReadOnlyList<PurgeCandidate>> DueAsync(CarteroDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        var stored = await db.RetentionTerms.AsNoTracking().ToDictionaryAsync(t => t.Type, t => t.Days, StringComparer.Ordinal, cancellationToken);
        var terms = new Dictionary<string, int>(RetentionDefaults.ByType, StringComparer.Ordinal);
        foreach (var (type, days) in stored)
        {
            terms[type] = days;
        }

        var named = terms.Keys.ToList();
        var due = new List<PurgeCandidate>();
        // One pass per term: the types named in the settings, then every other type with the default term.
        foreach (var group in terms.GroupBy(t => t.Value).Select(g => (Days: g.Key, Types: (List<string>?)g.Select(t => t.Key).ToList()))
                     .Append((Days: RetentionDefaults.Others, Types: (List<string>?)null)))
        {
            var cutoff = now.AddDays(-group.Days);
            var types = group.Types;
            var query = Candidates(db).Where(e => e.RequestedAt <= cutoff);
            query = types is null ? query.Where(e => !named.Contains(e.Type)) : query.Where(e => types.Contains(e.Type));
            var rows = await query.OrderBy(e => e.RequestedAt).Take(limit)
                .Select(e => new { e.Id, e.Type, e.RequestedAt, e.EntityType, e.EntityId })
                .ToListAsync(cancellationToken);
            due.AddRange(rows.Select(r => new PurgeCandidate(r.Id, r.Type, r.RequestedAt, r.RequestedAt.AddDays(group.Days), r.EntityType, r.EntityId)));
        }

        return due.OrderBy(d => d.RequestedAt).ThenBy(d => d.EmailId).Take(limit).ToList();
    }

    private static IQueryable<EmailLogEntry> Candidates(CarteroDbContext db) =>
        db.Emails.AsNoTracking()
            .Where(e => e.ContentPurgedAt == null && !Pending.Contains(e.Status))
            .Where(e => db.EmailContents.Any(c => c.EmailId == e.Id) || e.Attachments.Any())
            .Where(e => !db.LegalHolds.Any(h => h.ReleasedAt == null &&
                ((h.EntityType == e.EntityType && h.EntityId == e.EntityId) || (h.EntityType == e.RecipientKind && h.EntityId == e.RecipientId))));
}
