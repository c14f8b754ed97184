using System.Diagnostics;
using System.Net.Http.Json;

namespace Cartero.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the tests: <c>tests/peers/smtp-peer.mjs</c> (npm smtp-server) on free loopback
/// ports, with fault behaviours chosen by recipient (see the script) and a control API to read what arrived.
/// </summary>
public sealed class SmtpPeer : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private readonly Process _process;
    private readonly HttpClient _control;

    private SmtpPeer(Process process, int port, int controlPort)
    {
        _process = process;
        Port = port;
        _control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{controlPort}") };
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public static async Task<SmtpPeer> StartAsync(SmtpPeerOptions options, CancellationToken cancellationToken)
    {
        var peers = Path.Combine(RepositoryPaths.Root, "tests", "peers");
        await EnsureInstalledAsync(peers, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var port = options.Port ?? PortFinder.FreePort();
            var control = PortFinder.FreePort();
            var psi = new ProcessStartInfo("node", [Path.Combine(peers, "smtp-peer.mjs")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = peers,
            };
            psi.Environment["SMTP_PORT"] = port.ToString();
            psi.Environment["CONTROL_PORT"] = control.ToString();
            psi.Environment["DEFER_TIMES"] = options.DeferTimes.ToString();
            psi.Environment["DISCARD"] = options.Discard ? "1" : "0";
            psi.Environment["SECURE"] = options.ImplicitTls ? "1" : "0";
            psi.Environment["NO_GREETING"] = options.NoGreeting ? "1" : "0";
            psi.Environment["NO_SIZE"] = options.NoSize ? "1" : "0";
            psi.Environment["NO_8BITMIME"] = options.No8BitMime ? "1" : "0";
            if (options.Slow is { } slow)
            {
                psi.Environment["SLOW_MS"] = ((int)slow.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (options.RecordFile is not null)
            {
                psi.Environment["RECORD_FILE"] = options.RecordFile;
            }
            if (options.Username is not null)
            {
                psi.Environment["AUTH_USER"] = options.Username;
                psi.Environment["AUTH_PASS"] = options.Password ?? "";
            }

            if (options.TlsKeyFile is not null)
            {
                psi.Environment["TLS_KEY"] = options.TlsKeyFile;
                psi.Environment["TLS_CERT"] = options.TlsCertificateFile;
            }

            var process = Process.Start(psi)!;
            var ready = await process.StandardOutput.ReadLineAsync(cancellationToken);
            if (ready == "ready")
            {
                // Keep draining the pipes so the peer never blocks on a full buffer.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new SmtpPeer(process, port, control);
            }

            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            process.Kill(entireProcessTree: true);
            if (attempt >= 2)
            {
                throw new InvalidOperationException($"El servidor SMTP de prueba no arrancó: {error}");
            }
        }
    }

    public async Task<IReadOnlyList<SmtpPeerMessage>> GetMessagesAsync(CancellationToken cancellationToken) =>
        (await _control.GetFromJsonAsync<List<SmtpPeerMessage>>("/messages", System.Text.Json.JsonSerializerOptions.Web, cancellationToken))!;

    public async Task<SmtpPeerStats> GetStatsAsync(CancellationToken cancellationToken) =>
        (await _control.GetFromJsonAsync<SmtpPeerStats>("/stats", System.Text.Json.JsonSerializerOptions.Web, cancellationToken))!;

    public async Task ClearAsync(CancellationToken cancellationToken) =>
        (await _control.DeleteAsync("/messages", cancellationToken)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task EnsureInstalledAsync(string peers, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(peers, "node_modules", "smtp-server")))
        {
            return;
        }

        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (Directory.Exists(Path.Combine(peers, "node_modules", "smtp-server")))
            {
                return;
            }

            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            {
                WorkingDirectory = peers,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var error = npm.StandardError.ReadToEndAsync(cancellationToken);
            await npm.StandardOutput.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci falló en tests/peers (ejecute scripts/install-test-deps.sh): {await error}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
