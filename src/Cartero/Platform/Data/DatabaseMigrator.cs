using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Platform.Data;

/// <summary>Applies pending migrations before the app serves or runs a verb (hosted services start in order).</summary>
public sealed partial class DatabaseMigrator(IServiceProvider services, IOptions<CarteroOptions> options, ILogger<DatabaseMigrator> log) : IHostedService
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        services.GetService<SqliteDatabaseFile>()?.Protect();
        if (!options.Value.Database.MigrateOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(log, db.Engine, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Aplicando migraciones en {Engine}: {Migrations}")]
    private static partial void LogMigrating(ILogger logger, DatabaseEngine engine, string migrations);
}
