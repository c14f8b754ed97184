using System.Diagnostics;
using Npgsql;

namespace Cartero.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster for the whole test run (initdb + pg_ctl on a free port in a temp folder),
/// started on first use; each test asks for a fresh database.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private string? _dir;
    private string? _bin;
    private int _port;

    public async Task<string> CreateDatabaseAsync(string? prefix, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken);
        var name = $"{prefix ?? "t"}_{Guid.NewGuid():N}"[..30];
        await using (var conn = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await conn.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }

        return ConnectionString(name);
    }

    // Every test has a database of its own, so every test leaves a pool behind; Npgsql keeps idle connections
    // for 300 s by default, and a run opens more than a thousand of them in that time (995 client backends measured,
    // then "53300: too many clients"). Idle ones are closed after a few seconds instead.
    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Maximum Pool Size=40;Connection Idle Lifetime=3;Connection Pruning Interval=1";

    private async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_dir is not null)
        {
            return;
        }

        await _start.WaitAsync(cancellationToken);
        try
        {
            if (_dir is not null)
            {
                return;
            }

            _bin = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending().FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
                : null;
            if (_bin is null)
            {
                throw new InvalidOperationException("PostgreSQL no está instalado (no hay initdb en /usr/lib/postgresql/*/bin): ejecute scripts/install-test-deps.sh.");
            }

            var dir = Path.Combine(Path.GetTempPath(), "cartero-pg-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            if (IsRoot)
            {
                await RunAsync("chown", ["postgres", dir], cancellationToken);
            }

            _port = PortFinder.FreePort();
            await RunPgAsync("initdb", ["-D", Path.Combine(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken);
            await StartServerAsync(dir, cancellationToken);
            _dir = dir;
        }
        finally
        {
            _start.Release();
        }
    }

    private Task StartServerAsync(string dir, CancellationToken cancellationToken) =>
        RunPgAsync("pg_ctl", ["-D", Path.Combine(dir, "data"), "-l", Path.Combine(dir, "log"), "-w", "start", "-o",
            $"-c listen_addresses=127.0.0.1 -p {_port} -k {dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000"], cancellationToken);

    /// <summary>Stops the server (fast shutdown: sessions are ended), for tests of a database that goes away; only on a cluster of their own.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        RunPgAsync("pg_ctl", ["-D", Path.Combine(_dir ?? throw new InvalidOperationException("El clúster no está iniciado."), "data"), "-m", "fast", "-w", "stop"], cancellationToken);

    /// <summary>Starts again a server stopped with <see cref="StopAsync"/>, on the same port.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) =>
        StartServerAsync(_dir ?? throw new InvalidOperationException("El clúster no está iniciado."), cancellationToken);

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunPgAsync(string tool, string[] args, CancellationToken cancellationToken) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin!, tool), .. args], cancellationToken)
            : RunAsync(Path.Combine(_bin!, tool), args, cancellationToken);

    private static async Task RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} falló ({process.ExitCode}): {await error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dir is null)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            await RunPgAsync("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
