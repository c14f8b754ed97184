using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Data;

/// <summary>Registers the database for the configured engine and migrates it at start-up.</summary>
public static class DatabaseModule
{
    public static IServiceCollection AddCarteroDatabase(this IServiceCollection services, CarteroOptions options, DataDirectory data)
    {
        switch (options.Database.Provider)
        {
            case DatabaseEngine.Postgres:
                var pg = options.Database.ConnectionString
                    ?? throw new InvalidOperationException(
                        "Cartero:Database:Provider es Postgres pero falta Cartero:Database:ConnectionString " +
                        "(por ejemplo 'Host=localhost;Database=cartero;Username=cartero;Password=...').");
                services.AddDbContextPool<CarteroDbContext, PostgresCarteroDbContext>(o => o
                    .UseNpgsql(pg, n => n.MigrationsHistoryTable("__ef_migraciones")));
                break;
            case DatabaseEngine.Sqlite:
                var sqlite = options.Database.ConnectionString ?? new SqliteConnectionStringBuilder
                {
                    DataSource = data.DatabaseFile,
                    Pooling = true,
                    DefaultTimeout = 30,
                }.ToString();
                services.AddDbContextPool<CarteroDbContext, SqliteCarteroDbContext>(o => o
                    .UseSqlite(sqlite, s => s.MigrationsHistoryTable("__ef_migraciones"))
                    .AddInterceptors(new SqlitePragmaInterceptor()));
                break;
            default:
                throw new InvalidOperationException($"Motor de base de datos no soportado: {options.Database.Provider}.");
        }

        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        return services;
    }
}
