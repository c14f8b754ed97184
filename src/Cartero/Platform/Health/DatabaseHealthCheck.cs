using Cartero.Platform.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cartero.Platform.Health;

/// <summary>Can the app reach its database?</summary>
internal sealed class DatabaseHealthCheck(CarteroDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{db.Engine} accesible")
                : HealthCheckResult.Unhealthy($"No se puede conectar a {db.Engine}");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"No se puede conectar a {db.Engine}: {ex.GetType().Name}");
        }
    }
}
