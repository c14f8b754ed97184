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

        var byStatus = (await period.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(x => x.Key.ToCode(), x => x.Count);
        var byType = await period.GroupBy(e => e.Type).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var perDay = (await period
                .GroupBy(e => e.RequestedAt.AddHours(EcuadorOffsetHours).Date)
                .Select(g => new
                {
                    Day = g.Key,
                    Total = g.Count(),
                    Sent = g.Count(e => e.Status == EmailStatus.Enviado || e.Status == EmailStatus.Entregado || e.Status == EmailStatus.Abierto),
                    Failed = g.Count(e => e.Status == EmailStatus.Fallido || e.Status == EmailStatus.Rebotado),
                })
                .ToListAsync(cancellationToken))
            .OrderBy(d => d.Day)
            .Select(d => new DailyCount(DateOnly.FromDateTime(d.Day), d.Total, d.Sent, d.Failed))
            .ToList();

        var retried = await db.EmailEvents.AsNoTracking()
            .Where(ev => ev.OccurredAt >= f && ev.OccurredAt < u && ev.Status == EmailStatus.Reintento)
            .Select(ev => ev.EmailId).Distinct().CountAsync(cancellationToken);

        var reasons = await period.Where(e => e.Status == EmailStatus.Fallido && e.LastError != null)
            .GroupBy(e => e.LastError!.Substring(0, 80))
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).Take(5)
            .ToListAsync(cancellationToken);

        var domains = await period
            .GroupBy(e => e.ToAddress.Substring(e.ToAddress.IndexOf("@") + 1))
            .Select(g => new
            {
                g.Key,
                Total = g.Count(),
                Failed = g.Count(e => e.Status == EmailStatus.Fallido || e.Status == EmailStatus.Rebotado),
            })
            .Where(x => x.Failed > 0)
            .OrderByDescending(x => x.Failed).ThenByDescending(x => x.Total).Take(10)
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
            FailingDomains: domains.Select(d => new DomainStats(d.Key, d.Total, d.Failed)).ToList());
    }
}
