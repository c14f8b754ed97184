using System.Text.Json;
using System.Text.Json.Serialization;
using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Tracking;

/// <summary>
/// Applies the reports that arrived before their email was sent, once it is (<c>enviado</c>, or <c>fallido</c> /
/// <c>cancelado</c>, where a report is an event only), through <see cref="DeliveryReportApplier"/>, and drops those that
/// waited longer than <see cref="TrackingOptions.WaitingReportMaxAge"/>. One instance at a time (<see cref="InstanceLock"/>,
/// as the other periodic passes): instances sharing PostgreSQL would otherwise read the same rows and apply each report
/// once each, the applier's unique report key then turning all but one into wasted work and conflicts. The key and the
/// delete of each waiting row with what it applied still keep a replay running at the same moment from writing twice.
/// </summary>
public sealed partial class WaitingReportPass(IServiceScopeFactory scopes, IOptions<TrackingOptions> options, TimeProvider time, ILogger<WaitingReportPass> log)
{
    private const int BatchSize = 200;

    // Any constant shared by every instance; distinct from the other jobs' locks.
    internal const long PassLock = 0x4361727465726f1e;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(DeliveryReport report) => JsonSerializer.Serialize(report, Json);

    public static DeliveryReport? Deserialize(string text) => JsonSerializer.Deserialize<DeliveryReport>(text, Json);

    /// <summary>One pass; null when another instance is running it at this moment.</summary>
    public async Task<WaitingReportPassResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var lockScope = scopes.CreateAsyncScope();
        await using var instance = await InstanceLock.TryAcquireAsync(lockScope.ServiceProvider.GetRequiredService<CarteroDbContext>(), PassLock, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var applied = 0;
        var failed = 0;
        List<WaitingReport> ready;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
            ready = await db.WaitingReports.AsNoTracking()
                .Where(w => db.Emails.Any(e => e.Id == w.EmailId
                    && e.Status != EmailStatus.EnCola && e.Status != EmailStatus.Enviando && e.Status != EmailStatus.Reintento))
                .OrderBy(w => w.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }

        foreach (var waiting in ready)
        {
            // A scope per report, as the bounce reader does: one report's failure leaves nothing behind for the next.
            await using var scope = scopes.CreateAsyncScope();
            var applier = scope.ServiceProvider.GetRequiredService<DeliveryReportApplier>();
            DeliveryReport? report;
            try
            {
                report = Deserialize(waiting.Report);
            }
            catch (JsonException)
            {
                report = null;
            }

            if (report is null)
            {
                LogUnreadable(log, waiting.EmailId, waiting.Kind);
                await scope.ServiceProvider.GetRequiredService<CarteroDbContext>().WaitingReports.Where(w => w.Id == waiting.Id).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            try
            {
                var result = await applier.ApplyAsync(report, waiting.Id, cancellationToken);
                if (result.Outcome != DeliveryReportOutcome.NotSentYet)
                {
                    applied++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !DatabaseUnavailable.Is(ex))
            {
                // One report that cannot be applied must not hold up the ones behind it (it would come first on every
                // pass) nor the drop of expired ones; it stays waiting, so a fix can still apply it.
                LogFailed(log, ex, waiting.Id, waiting.Kind, waiting.EmailId);
                failed++;
            }
        }

        return new WaitingReportPassResult(applied, await DropExpiredAsync(cancellationToken), failed);
    }

    private async Task<int> DropExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.WaitingReportMaxAge;
        var expired = await db.WaitingReports.AsNoTracking().Where(w => w.ReceivedAt < cutoff)
            .OrderBy(w => w.Id).Take(BatchSize).Select(w => new { w.Id, w.EmailId, w.Kind, w.ReceivedAt }).ToListAsync(cancellationToken);
        var dropped = 0;
        foreach (var row in expired)
        {
            // Another instance may have applied or dropped it a moment ago: only the instance that deletes it logs it.
            if (await db.WaitingReports.Where(w => w.Id == row.Id).ExecuteDeleteAsync(cancellationToken) == 1)
            {
                LogDropped(log, row.Kind, row.EmailId, row.ReceivedAt);
                dropped++;
            }
        }

        return dropped;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporte {Tipo} del correo {EmailId} descartado: esperó desde {Recibido:u} y el correo sigue sin enviarse")]
    private static partial void LogDropped(ILogger logger, string tipo, Guid emailId, DateTime recibido);

    [LoggerMessage(Level = LogLevel.Error, Message = "El reporte en espera {ReportId} ({Tipo}) del correo {EmailId} no se pudo aplicar; sigue en espera y se reintenta en la próxima pasada")]
    private static partial void LogFailed(ILogger logger, Exception exception, long reportId, string tipo, Guid emailId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporte {Tipo} en espera del correo {EmailId} ilegible; se descarta")]
    private static partial void LogUnreadable(ILogger logger, Guid emailId, string tipo);
}
