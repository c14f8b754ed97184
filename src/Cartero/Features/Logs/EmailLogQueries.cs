using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Logs;

/// <summary>The read side of <c>log_envio_correo</c>: filtered, newest first, keyset-paginated.</summary>
public sealed class EmailLogQueries(CarteroDbContext db)
{
    public const int MaxPageSize = 200;

    public IQueryable<EmailLogEntry> Filtered(EmailLogFilter filter)
    {
        var q = db.Emails.AsNoTracking();
        if (filter.Status is { } s && EmailStatusCodes.TryParse(s, out var status))
        {
            q = q.Where(e => e.Status == status);
        }

        if (!string.IsNullOrEmpty(filter.Type))
        {
            q = q.Where(e => e.Type == filter.Type);
        }

        if (!string.IsNullOrEmpty(filter.To))
        {
            // Exact match keeps the correo_destino index usable at millions of rows.
            var to = filter.To.Trim();
            q = q.Where(e => e.ToAddress == to);
        }

        if (!string.IsNullOrEmpty(filter.RecipientId))
        {
            q = q.Where(e => e.RecipientId == filter.RecipientId);
        }

        if (!string.IsNullOrEmpty(filter.EntityType))
        {
            q = q.Where(e => e.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrEmpty(filter.EntityId))
        {
            q = q.Where(e => e.EntityId == filter.EntityId);
        }

        if (!string.IsNullOrEmpty(filter.Origin))
        {
            q = q.Where(e => e.Origin == filter.Origin);
        }

        if (!string.IsNullOrEmpty(filter.OriginatedBy))
        {
            q = q.Where(e => e.OriginatedBy == filter.OriginatedBy);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = "%" + filter.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            q = db.Engine == DatabaseEngine.Postgres
                ? q.Where(e => EF.Functions.ILike(e.ToAddress, pattern, "\\") || EF.Functions.ILike(e.Subject, pattern, "\\")
                    || (e.ToName != null && EF.Functions.ILike(e.ToName, pattern, "\\")))
                : q.Where(e => EF.Functions.Like(e.ToAddress, pattern, "\\") || EF.Functions.Like(e.Subject, pattern, "\\")
                    || (e.ToName != null && EF.Functions.Like(e.ToName, pattern, "\\")));
        }

        if (filter.From is { } from)
        {
            var f = from.UtcDateTime;
            q = q.Where(e => e.RequestedAt >= f);
        }

        if (filter.Until is { } until)
        {
            var u = until.UtcDateTime;
            q = q.Where(e => e.RequestedAt < u);
        }

        return q;
    }

    /// <summary>One page, newest first, after <paramref name="after"/>; returns the cursor of the next page when there is one.</summary>
    public async Task<(List<EmailLogEntry> Items, EmailLogCursor? Next)> PageAsync(EmailLogFilter filter, EmailLogCursor? after, int limit, CancellationToken cancellationToken)
    {
        var q = Filtered(filter);
        if (after is not null)
        {
            var t = after.RequestedAt;
            var id = after.Id;
            // The leading "<= t" gives both engines an index range to scan backwards from; the rest breaks ties.
            q = q.Where(e => e.RequestedAt <= t && (e.RequestedAt < t || e.Id.CompareTo(id) < 0));
        }

        var rows = await q.OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.Id)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        EmailLogCursor? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = new EmailLogCursor(rows[^1].RequestedAt, rows[^1].Id);
        }

        return (rows, next);
    }

    public Task<EmailLogEntry?> GetWithEventsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Emails.AsNoTracking()
            .Include(e => e.Events.OrderBy(ev => ev.Id))
            .FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
}
