using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Logs;

/// <summary>Computes <see cref="EmailStatistics"/> with grouped queries in the database, never by loading rows.</summary>
public sealed class EmailStatisticsQuery(CarteroDbContext db)
{
    // Ecuador has no daylight saving: its calendar day is the UTC instant minus five hours.
    private const int EcuadorOffsetHours = -5;

    public async Task<EmailStatistics> ComputeAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var f = from.UtcDateTime;
        var u = until.UtcDateTime;
        var period = db.Emails.AsNoTracking().Where(e => e.RequestedAt >= f && e.RequestedAt < u);

        // One pass over the period, grouped by day, type and state; every total below is folded from it.
        var groups = await period
            .GroupBy(e => new { Day = e.RequestedAt.AddHours(EcuadorOffsetHours).Date, e.Type, e.Status })
            .Select(g => new { g.Key.Day, g.Key.Type, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = groups.GroupBy(g => g.Status).ToDictionary(g => g.Key.ToCode(), g => g.Sum(x => x.Count));
        var byType = groups.GroupBy(g => g.Type).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var perDay = groups.GroupBy(g => g.Day).OrderBy(g => g.Key)
            .Select(g => new DailyCount(
                DateOnly.FromDateTime(g.Key),
                g.Sum(x => x.Count),
                g.Where(x => x.Status is EmailStatus.Enviado or EmailStatus.Entregado or EmailStatus.Abierto).Sum(x => x.Count),
                g.Where(x => x.Status is EmailStatus.Fallido or EmailStatus.Rebotado).Sum(x => x.Count)))
            .ToList();

        var retried = await db.EmailEvents.AsNoTracking()
            .Where(ev => ev.OccurredAt >= f && ev.OccurredAt < u && ev.Status == EmailStatus.Reintento)
            .Select(ev => ev.EmailId).Distinct().CountAsync(cancellationToken);

        var reasons = await period.Where(e => e.Status == EmailStatus.Fallido && e.LastError != null)
            .GroupBy(e => e.LastError!.Substring(0, 80))
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).Take(5)
            .ToListAsync(cancellationToken);

        // Failures only (the state index finds them); the domain is cut out of the address in the database.
        var domains = await period
            .Where(e => e.Status == EmailStatus.Fallido || e.Status == EmailStatus.Rebotado)
            .GroupBy(e => e.ToAddress.Substring(e.ToAddress.IndexOf("@") + 1))
            .Select(g => new { g.Key, Failed = g.Count() })
            .OrderByDescending(x => x.Failed).Take(10)
            .ToListAsync(cancellationToken);

        // Accepted attempts of the period with their duration, by the recipient's domain.
        var slowest = await db.EmailEvents.AsNoTracking()
            .Where(ev => ev.OccurredAt >= f && ev.OccurredAt < u && ev.Status == EmailStatus.Enviado && ev.DurationMs != null)
            .Join(db.Emails, ev => ev.EmailId, e => e.Id, (ev, e) => new { Domain = e.ToAddress.Substring(e.ToAddress.IndexOf("@") + 1), ev.DurationMs })
            .GroupBy(x => x.Domain)
            .Select(g => new { g.Key, Sent = g.Count(), Average = g.Average(x => (double)x.DurationMs!), Max = g.Max(x => x.DurationMs!.Value) })
            .OrderByDescending(x => x.Average).Take(10)
            .ToListAsync(cancellationToken);

        var total = byStatus.Values.Sum();
        int Count(params EmailStatus[] statuses) => statuses.Sum(s => byStatus.GetValueOrDefault(s.ToCode()));
        double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
        var delivered = Count(EmailStatus.Enviado, EmailStatus.Entregado, EmailStatus.Abierto, EmailStatus.Rebotado);

        return new EmailStatistics(
            from, until, total, byStatus, byType, perDay,
            SentRate: Rate(Count(EmailStatus.Enviado, EmailStatus.Entregado, EmailStatus.Abierto), total),
            FailureRate: Rate(Count(EmailStatus.Fallido), total),
            BounceRate: Rate(Count(EmailStatus.Rebotado), delivered),
            OpenRate: Rate(Count(EmailStatus.Abierto), delivered),
            Retried: retried,
            TopFailureReasons: reasons.Select(r => new ReasonCount(r.Key, r.Count)).ToList(),
            FailingDomains: domains.Select(d => new DomainStats(d.Key, d.Failed, Rate(d.Failed, Math.Max(1, Count(EmailStatus.Fallido, EmailStatus.Rebotado))))).ToList(),
            SlowestDomains: slowest.Select(d => new DomainLatency(d.Key, d.Sent, Math.Round(d.Average, 1), d.Max)).ToList());
    }
}
