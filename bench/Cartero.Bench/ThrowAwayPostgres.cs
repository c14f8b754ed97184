using System.Diagnostics;
using Npgsql;

namespace Cartero.Bench;

/// <summary>A PostgreSQL cluster in a temp folder for one benchmark run (initdb + pg_ctl, as the tests do).</summary>
internal sealed class ThrowAwayPostgres : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _bin;
    private readonly int _port;

    private ThrowAwayPostgres(string dir, string bin, int port)
    {
        _dir = dir;
        _bin = bin;
        _port = port;
    }

    public static async Task<ThrowAwayPostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending()
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL no está instalado: ejecute scripts/install-test-deps.sh.");
        var dir = Path.Combine(Path.GetTempPath(), "cartero-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var port = BenchPaths.FreePort();
        var pg = new ThrowAwayPostgres(dir, bin, port);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", dir]);
        }

        await pg.RunAsPostgresAsync("initdb", ["-D", Path.Combine(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        await pg.RunAsPostgresAsync("pg_ctl", ["-D", Path.Combine(dir, "data"), "-l", Path.Combine(dir, "log"), "-w", "start",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c max_connections=200"]);
        return pg;
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "bench_" + Guid.NewGuid().ToString("N")[..8];
        await using var conn = new NpgsqlConnection($"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
        await cmd.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={_port};Username=postgres;Database={name}";
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsPostgresAsync("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "stop"]);
        Directory.Delete(_dir, recursive: true);
    }

    private Task RunAsPostgresAsync(string tool, string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} falló: {await stderr}");
        }
    }
}
