using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cartero.Bench;

/// <summary>
/// (c) Cartero as it runs in production: the Release build in its own process, mail enqueued through the
/// API and sent by the worker to the sink. Measures from the first request to the last message accepted.
/// </summary>
internal static class CarteroEndToEnd
{

    /// <summary>
    /// With <paramref name="phases"/> the two halves are measured apart: enqueueing through the API with the worker
    /// off, then sending the whole queue after a restart with the worker on. Shows where the CPU goes.
    /// </summary>
    /// <param name="appDirectory">The folder of the Cartero build to run (another worktree's, for an A/B); null: this repository's Release build.</param>
    /// <param name="warmup">Messages sent through the whole path before measuring.</param>
    /// <param name="batch">Emails per request: 1 posts each to <c>/api/v1/emails</c>, more use <c>/api/v1/emails/batch</c>.</param>
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(string root, string? appDirectory, SmtpSink sink, (string Subject, string Html, string Text) sample, int messages, string? postgresConnectionString, bool phases, int batch, int warmup)
    {
        var dll = Path.Combine(appDirectory ?? Path.Combine(root, "src", "Cartero", "bin", "Release", "net10.0", "linux-x64"), "Cartero.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException("Compile primero la aplicación: dotnet build src/Cartero -c Release");
        }

        var data = Path.Combine(Path.GetTempPath(), "cartero-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var env = new Dictionary<string, string>
        {
            ["Cartero__DataDirectory"] = data,
            // The sink listens on loopback, which the sender account may only use when the operator allows it.
            ["Cartero__Providers__AllowPrivateNetworks"] = "true",
            ["Cartero__Worker__Concurrency"] = "4",
            ["Cartero__Worker__BatchSize"] = "200",
            ["Cartero__Worker__PollInterval"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var extra in (Environment.GetEnvironmentVariable("CARTERO_BENCH_APP_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            env[extra[..extra.IndexOf('=')]] = extra[(extra.IndexOf('=') + 1)..];
        }

        if (postgresConnectionString is not null)
        {
            env["Cartero__Database__Provider"] = "Postgres";
            env["Cartero__Database__ConnectionString"] = postgresConnectionString;
        }

        var key = (await RunToEndAsync(dll, ["apikey", "create", "--name", "bench", "--admin"], env)).Trim().Split('\n')[^1].Trim();
        var port = BenchPaths.FreePort();
        if (phases)
        {
            env["Cartero__Worker__Enabled"] = "false";
        }

        var app = Start(dll, ["--urls", $"http://127.0.0.1:{port}"], env);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await WaitHealthyAsync(http);

        var settings = await http.PutAsJsonAsync("/api/v1/settings/mail", new JsonObject
        {
            ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = sink.Port, ["security"] = "none",
            ["fromAddress"] = "pedidos@optica.ec", ["fromName"] = "Óptica",
        });
        settings.EnsureSuccessStatusCode();

        JsonObject Email(int i) => new()
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = $"cliente{i}@correo.ec", ["kind"] = "cliente" },
            ["entity"] = new JsonObject { ["type"] = "pedido", ["id"] = $"P-{i}" },
            ["subject"] = sample.Subject, ["html"] = sample.Html, ["text"] = sample.Text,
        };

        async Task PostAsync(int from, int count)
        {
            var next = from - 1;
            var end = from + count;
            await Task.WhenAll(Enumerable.Range(0, batch == 1 ? 8 : 2).Select(async _ =>
            {
                int first;
                while ((first = Interlocked.Add(ref next, batch) - batch + 1) < end)
                {
                    var size = Math.Min(batch, end - first);
                    var response = batch == 1
                        ? await http.PostAsJsonAsync("/api/v1/emails", Email(first))
                        : await http.PostAsJsonAsync("/api/v1/emails/batch", new JsonObject { ["items"] = new JsonArray([.. Enumerable.Range(first, size).Select(Email)]) });
                    response.EnsureSuccessStatusCode();
                }
            }));
        }

        // A running service has its hot paths compiled by the JIT's last tier; without the warm-up a short run
        // mostly measures the compiler. With --phases the warm-up messages wait in the queue (the worker is off)
        // and, being older, are the first the second half sends: its clock starts once they reached the sink.
        if (warmup > 0)
        {
            await sink.ResetAsync();
            await PostAsync(-warmup, warmup);
            if (!phases)
            {
                await sink.WaitForAsync(warmup, TimeSpan.FromMinutes(5));
            }
        }

        await sink.ResetAsync();
        var cpuBefore = ProcessCpu(app);
        var sinkBefore = await sink.CpuAsync();
        var loadBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await PostAsync(0, messages);
        var engine = postgresConnectionString is null ? "SQLite" : "PostgreSQL";
        var results = new List<BenchResult>();
        if (phases)
        {
            results.Add(new BenchResult($"(c1) solo encolar por la API{How(batch)}, {engine}", messages, watch.Elapsed, ProcessCpu(app) - cpuBefore, LoadCpu: Process.GetCurrentProcess().TotalProcessorTime - loadBefore));
            await StopAsync(app);
            env["Cartero__Worker__Enabled"] = "true";
            app = Start(dll, ["--urls", $"http://127.0.0.1:{port}"], env);
            await WaitHealthyAsync(http);
            await sink.WaitForAsync(warmup, TimeSpan.FromMinutes(5));
            cpuBefore = ProcessCpu(app);
            sinkBefore = await sink.CpuAsync();
            loadBefore = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
        }

        await sink.WaitForAsync(phases ? warmup + messages : messages, TimeSpan.FromMinutes(10));
        var elapsed = watch.Elapsed;
        var cpu = ProcessCpu(app) - cpuBefore;
        var sinkCpu = await sink.CpuAsync() - sinkBefore;
        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - loadBefore;

        await StopAsync(app);
        Directory.Delete(data, recursive: true);
        results.Add(new BenchResult(phases ? $"(c2) solo enviar la cola, {engine}" : $"(c) Cartero de extremo a extremo{How(batch)}, {engine}", messages, elapsed, cpu, sinkCpu, loadCpu));
        return results;
    }

    private static string How(int batch) => batch == 1 ? "" : $", lotes de {batch}";

    /// <summary>SIGTERM first, so the app shuts down as in production (and a trace it writes is complete); SIGKILL after 15 s.</summary>
    private static async Task StopAsync(Process app)
    {
        using (var term = Process.Start("kill", ["-TERM", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await app.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }

        app.Dispose();
    }

    private static Process Start(string dll, string[] args, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    internal static async Task<string> RunToEndAsync(string dll, string[] args, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"'{string.Join(' ', args)}' falló: {error}");
    }

    private static async Task WaitHealthyAsync(HttpClient http)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Cartero no respondió en /health.");
    }

    /// <summary>User + system CPU of another process, from /proc (Process.TotalProcessorTime needs it alive; this is the same source).</summary>
    private static TimeSpan ProcessCpu(Process p)
    {
        p.Refresh();
        return p.TotalProcessorTime;
    }
}
