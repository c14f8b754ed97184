namespace Cartero.Tests.Infrastructure;

/// <summary>
/// Base of the integration suites that run on both engines: a subclass per engine passes the PostgreSQL
/// cluster (or null for SQLite), and every app a test creates gets a fresh database and data directory.
/// </summary>
public abstract class AppTestBase(PostgresCluster? postgres) : IAsyncLifetime
{
    private readonly List<CarteroAppFactory> _apps = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected bool OnPostgres => postgres is not null;

    /// <summary>A fresh app on a fresh database; <paramref name="sharedConnectionString"/> puts a second instance on the same PostgreSQL database.</summary>
    protected async Task<CarteroAppFactory> NewAppAsync(IDictionary<string, string?>? settings = null, bool kestrel = false, string? sharedConnectionString = null, string? dataDirectory = null)
    {
        var cs = sharedConnectionString ?? (postgres is null ? null : await postgres.CreateDatabaseAsync("cartero", Ct));
        var app = new CarteroAppFactory(cs, settings, kestrel, dataDirectory);
        _apps.Add(app);
        return app;
    }

    protected async Task<string> NewPostgresDatabaseAsync() =>
        await (postgres ?? throw new InvalidOperationException("Solo en PostgreSQL")).CreateDatabaseAsync("cartero", Ct);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
