using Cartero.Features.Providers;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Sending.Metrics;

/// <summary>Queue depth, the oldest due email, the provider in use and whether its circuit is open.</summary>
internal sealed class QueueHealthCheck(
    CarteroDbContext db,
    IMailAccountSource accounts,
    AccountCircuitBreaker circuit,
    TimeProvider time,
    IOptions<SendingOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var waiting = await db.Emails.CountAsync(e => e.Status == EmailStatus.EnCola || e.Status == EmailStatus.Reintento, cancellationToken);
        var oldestDue = await EmailClaimer.DueRows(db, now.UtcDateTime).Select(e => e.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        var abandoned = await EmailClaimer.Abandoned(db, now.UtcDateTime).CountAsync(cancellationToken);
        var account = await accounts.GetCurrentAsync(cancellationToken);
        var open = circuit.GetOpen(account.Key);

        var data = new Dictionary<string, object>
        {
            ["en_cola"] = waiting,
            ["proveedor"] = account.Provider,
            ["worker_activo"] = options.Value.Worker.Enabled,
            ["circuito"] = open is null ? "cerrado" : "abierto",
            // enviando with no live lease: a worker or a test died with it; a running worker takes it over.
            ["enviando_sin_reserva"] = abandoned,
        };
        if (oldestDue is { } due)
        {
            data["espera_mas_antigua_s"] = (long)(now.UtcDateTime - due).TotalSeconds;
        }

        if (open is not null)
        {
            data["circuito_hasta"] = open.OpenUntil;
            data["circuito_desde"] = open.OpenedAt;
            data["circuito_motivo"] = open.Reason;
            return HealthCheckResult.Degraded($"Cuenta {account.Provider} en pausa: {open.Reason}", data: data);
        }

        return HealthCheckResult.Healthy($"{waiting} correos en espera; proveedor {account.Provider}", data);
    }
}
