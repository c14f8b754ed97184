using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Statistics;

/// <summary>
/// Computes <see cref="EmailStatistics"/> from the daily tables plus the changes not yet folded into them,
/// so results are exact at any moment without reading the send log itself.
/// </summary>
public sealed class EmailStatisticsQuery(CarteroDbContext db)
{
    public async Task<EmailStatistics> ComputeAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        // Each read is one statement, so it sees the daily tables and the pending changes from
        // the same snapshot even while a fold moves rows from one to the other.
        var groups = (await db.DailySendCounts.AsNoTracking()
                .Where(d => d.Day >= firstDay && d.Day <= lastDay)
                .Select(d => new { d.Day, d.Type, d.Status, d.Count, d.Transitions })
                .Concat(db.StatisticsChanges.AsNoTracking()
                    .Where(c => c.Status != null && c.Day >= firstDay && c.Day <= lastDay)
                    .Select(c => new { c.Day, Type = c.Type!, Status = c.Status!, Count = (long)c.Count, Transitions = (long)c.Transitions }))
                .GroupBy(x => new { x.Day, x.Type, x.Status })
                .Select(g => new { g.Key.Day, g.Key.Type, g.Key.Status, Count = g.Sum(x => x.Count), Transitions = g.Sum(x => x.Transitions) })
                .ToListAsync(cancellationToken))
            .Select(g => new { g.Day, g.Type, Status = EmailStatusCodes.Parse(g.Status), Count = (int)g.Count, Transitions = (int)g.Transitions })
            .ToList();

        var domains = await db.DailyDomainCounts.AsNoTracking()
            .Where(d => d.Day >= firstDay && d.Day <= lastDay)
            .Select(d => new { d.Domain, d.Failed, d.Sent, d.TotalDurationMs, d.MaxDurationMs })
            .Concat(db.StatisticsChanges.AsNoTracking()
                .Where(c => c.Domain != null && (c.Failed != 0 || c.Sent != 0) && c.Day >= firstDay && c.Day <= lastDay)
                .Select(c => new { Domain = c.Domain!, Failed = (long)c.Failed, Sent = (long)c.Sent, TotalDurationMs = c.DurationMs, c.MaxDurationMs }))
            .GroupBy(x => x.Domain)
            .Select(g => new
            {
                Domain = g.Key, Failed = g.Sum(x => x.Failed), Sent = g.Sum(x => x.Sent),
                TotalMs = g.Sum(x => x.TotalDurationMs), MaxMs = g.Max(x => x.MaxDurationMs),
            })
            .ToListAsync(cancellationToken);

        var reasons = await db.DailyFailureReasons.AsNoTracking()
            .Where(d => d.Day >= firstDay && d.Day <= lastDay)
            .Select(d => new { d.Reason, d.Count })
            .Concat(db.StatisticsChanges.AsNoTracking()
                .Where(c => c.Reason != null && c.Day >= firstDay && c.Day <= lastDay)
                .Select(c => new { Reason = c.Reason!, Count = (long)c.Count }))
            .GroupBy(x => x.Reason)
            .Select(g => new { g.Key, Count = g.Sum(x => x.Count) })
            .Where(x => x.Count > 0)
            .ToListAsync(cancellationToken);

        // The stored reasons are the first characters of each error and often name the refused address; one cause
        // is one row once they are normalised to their codes and explanation.
        var topReasons = reasons
            .Select(r => (Explained: FailureExplainer.Explain(null, r.Key), r.Count))
            .GroupBy(r => r.Explained.Reason, StringComparer.Ordinal)
            .Select(g => new { Explained = g.First().Explained, Count = g.Sum(x => x.Count) })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Explained.Reason, StringComparer.Ordinal).Take(5)
            .Select(x => new ReasonCount(
                x.Explained.Code is null ? x.Explained.Explanation : $"{x.Explained.Code}: {x.Explained.Explanation}",
                (int)x.Count, x.Explained.Explanation, x.Explained.Code))
            .ToList();

        var live = groups.Where(g => g.Count != 0).ToList();
        var byStatus = live.GroupBy(g => g.Status).ToDictionary(g => g.Key.ToCode(), g => g.Sum(x => x.Count));
        var byType = live.GroupBy(g => g.Type).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var perDay = live.GroupBy(g => g.Day).OrderBy(g => g.Key)
            .Select(g => new DailyCount(
                g.Key,
                g.Sum(x => x.Count),
                g.Where(x => x.Status is EmailStatus.Enviado or EmailStatus.Entregado or EmailStatus.Abierto).Sum(x => x.Count),
                g.Where(x => x.Status is EmailStatus.Fallido or EmailStatus.Rebotado).Sum(x => x.Count)))
            .ToList();
        var retries = groups.Where(g => g.Status == EmailStatus.Reintento).Sum(g => g.Transitions);

        var total = byStatus.Values.Sum();
        int Count(params EmailStatus[] statuses) => statuses.Sum(s => byStatus.GetValueOrDefault(s.ToCode()));
        double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
        var delivered = Count(EmailStatus.Enviado, EmailStatus.Entregado, EmailStatus.Abierto, EmailStatus.Rebotado);
        var failures = Math.Max(1, Count(EmailStatus.Fallido, EmailStatus.Rebotado));

        return new EmailStatistics(
            firstDay, lastDay, total, byStatus, byType, perDay,
            SentRate: Rate(Count(EmailStatus.Enviado, EmailStatus.Entregado, EmailStatus.Abierto), total),
            FailureRate: Rate(Count(EmailStatus.Fallido), total),
            BounceRate: Rate(Count(EmailStatus.Rebotado), delivered),
            OpenRate: Rate(Count(EmailStatus.Abierto), delivered),
            Retries: retries,
            TopFailureReasons: topReasons,
            FailingDomains: domains.Where(d => d.Failed > 0).OrderByDescending(d => d.Failed).ThenBy(d => d.Domain).Take(10)
                .Select(d => new DomainStats(d.Domain, (int)d.Failed, Rate(d.Failed, failures))).ToList(),
            SlowestDomains: domains.Where(d => d.Sent > 0).OrderByDescending(d => (double)d.TotalMs / d.Sent).ThenBy(d => d.Domain).Take(10)
                .Select(d => new DomainLatency(d.Domain, (int)d.Sent, Math.Round((double)d.TotalMs / d.Sent, 1), d.MaxMs)).ToList());
    }
}
