using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cartero.Bench;

/// <summary>The discarding SMTP server (bench/smtp-sink.mjs) run under node.</summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _control;

    private SmtpSink(Process process, int port, int controlPort)
    {
        _process = process;
        Port = port;
        _control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{controlPort}") };
    }

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync(string root)
    {
        if (!Directory.Exists(Path.Combine(root, "tests", "peers", "node_modules", "smtp-server")))
        {
            throw new InvalidOperationException("Falta smtp-server: ejecute scripts/install-test-deps.sh (o ./test.sh) primero.");
        }

        var port = BenchPaths.FreePort();
        var control = BenchPaths.FreePort();
        var psi = new ProcessStartInfo("node", [Path.Combine(root, "bench", "smtp-sink.mjs"), port.ToString(), control.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(psi)!;
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready != "ready")
        {
            throw new InvalidOperationException($"El sumidero SMTP no arrancó: {await process.StandardError.ReadToEndAsync()}");
        }

        return new SmtpSink(process, port, control);
    }

    public async Task<long> CountAsync() => (long)(await _control.GetFromJsonAsync<JsonObject>("/count"))!["messages"]!;

    /// <summary>User + system CPU the sink has spent since it started.</summary>
    public async Task<TimeSpan> CpuAsync() => TimeSpan.FromMicroseconds((long)(await _control.GetFromJsonAsync<JsonObject>("/count"))!["cpuMicros"]!);

    public async Task ResetAsync() => await _control.GetAsync("/reset");

    public async Task WaitForAsync(long count, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (await CountAsync() < count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"El sumidero recibió {await CountAsync()} de {count} mensajes.");
            }

            await Task.Delay(20);
        }
    }

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
}
