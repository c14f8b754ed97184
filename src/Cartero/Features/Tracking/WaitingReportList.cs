using System.Text.Json;
using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Tracking;

/// <summary>The reports waiting for their email to be sent, oldest first, for admin and support to see what is pending and why.</summary>
public sealed class WaitingReportList(CarteroDbContext db, IOptions<TrackingOptions> options)
{
    public async Task<(IReadOnlyList<WaitingReportView> Reports, int Total)> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var total = await db.WaitingReports.CountAsync(cancellationToken);
        var rows = await db.WaitingReports.AsNoTracking()
            .Join(db.Emails, w => w.EmailId, e => e.Id, (w, e) => new
            {
                w.Id, w.EmailId, e.ToAddress, w.Kind, w.Report, w.OccurredAt, w.ReceivedAt, e.Status, e.Attempts, e.NextAttemptAt,
            })
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Take(Math.Clamp(limit, 1, 500))
            .ToListAsync(cancellationToken);
        var maxAge = options.Value.WaitingReportMaxAge;
        return (rows.Select(r =>
        {
            var report = Read(r.Report);
            return new WaitingReportView(r.Id, r.EmailId, r.ToAddress, r.Kind, report?.Source.ToLabel(), report?.ServerText ?? report?.Reason,
                r.OccurredAt, r.ReceivedAt, r.Status, r.Attempts, r.NextAttemptAt, r.ReceivedAt + maxAge);
        }).ToList(), total);
    }

    /// <summary>Why the report still waits, in words for the person reading the page.</summary>
    public static string WhyWaiting(WaitingReportView r) => r.EmailStatus switch
    {
        EmailStatus.EnCola => "El correo aún está en cola: el reporte se aplica cuando Cartero registre su envío.",
        EmailStatus.Enviando => "El correo se está enviando en este momento: el reporte se aplica cuando Cartero registre la respuesta del servidor.",
        EmailStatus.Reintento => r.NextAttemptAt is { } next
            ? $"El correo espera un nuevo intento ({Platform.Web.EcuadorTime.Format(next)}): el reporte se aplica cuando Cartero registre su envío."
            : "El correo espera un nuevo intento: el reporte se aplica cuando Cartero registre su envío.",
        _ => "El correo ya tiene su resultado: el reporte se aplica en la próxima pasada (cada pocos segundos).",
    };

    private static DeliveryReport? Read(string text)
    {
        try
        {
            return WaitingReportPass.Deserialize(text);
        }
        catch (JsonException)
        {
            // The pass drops an unreadable row; until then the page still lists it, without the details.
            return null;
        }
    }
}
