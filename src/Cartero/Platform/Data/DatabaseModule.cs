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
                // Not now: a verb that needs no database (sri clave…) must not create one. The migrator does it first.
                services.AddSingleton(new SqliteDatabaseFile(sqlite));
                services.AddDbContextPool<CarteroDbContext, SqliteCarteroDbContext>(o => o
                    .UseSqlite(sqlite, s => s.MigrationsHistoryTable("__ef_migraciones"))
                    .AddInterceptors(new SqlitePragmaInterceptor(), new SqliteReopenOnFaultInterceptor()));
                break;
            default:
                throw new InvalidOperationException($"Motor de base de datos no soportado: {options.Database.Provider}.");
        }

        // Only answers database-unavailable exceptions (503); everything else passes on to the other handlers.
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        return services;
    }

    /// <summary>
    /// The database file is created empty as <c>0600</c> before SQLite opens it (SQLite gives its WAL and SHM files the
    /// mode of the database), and an existing one and its companions lose any group or other permission.
    /// </summary>
    internal static void ProtectSqliteFiles(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return;
        }

        var file = Path.GetFullPath(builder.DataSource);
        if (!File.Exists(file) && Directory.Exists(Path.GetDirectoryName(file)))
        {
            try
            {
                PrivateFiles.CreateFile(file).Dispose();
                // An empty file is a database without a header; EF Core checks a database it finds with a read-only
                // connection, so write the header (in WAL mode, as every connection will ask) before anyone looks.
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;";
                command.ExecuteNonQuery();
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another instance created it at the same moment.
            }
        }

        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
        {
            if (File.Exists(path))
            {
                PrivateFiles.Restrict(path);
            }
        }
    }
}
