using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Cartero.Tests.Infrastructure;

/// <summary>
/// The app as a real child process (<c>dotnet Cartero.dll</c> from the build output, configured only by
/// <c>Cartero__*</c> environment variables), so a test can stop it as an operator would (SIGTERM) or crash it (SIGKILL).
/// Its console goes to <c>process-N.log</c> in the data directory.
/// </summary>
public sealed class CarteroProcess : IAsyncDisposable
{
    private static int _started;
    private readonly Process _process;

    private CarteroProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>
    /// The app's entry assembly, built with the same configuration as these tests (or <c>CARTERO_PROCESS_DLL</c>, to run
    /// these tests against another build, e.g. the one before a change).
    /// </summary>
    public static string Dll
    {
        get
        {
            if (Environment.GetEnvironmentVariable("CARTERO_PROCESS_DLL") is { Length: > 0 } other)
            {
                return other;
            }

            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            var dll = Path.Combine(RepositoryPaths.Root, "src", "Cartero", "bin", configuration, "net10.0", "linux-x64", "Cartero.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"No existe {dll}: compile la solución con -c {configuration}.");
        }
    }

    /// <summary>Runs an operator verb to its end and returns what it printed.</summary>
    public static async Task<string> RunVerbAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var (code, output, error) = await RunAsync(environment, null, cancellationToken, args);
        return code == 0 ? output : throw new InvalidOperationException($"'{string.Join(' ', args)}' falló ({code}): {error}");
    }

    /// <summary>Runs the app's binary with <paramref name="args"/> from <paramref name="workingDirectory"/> (default: the data directory) to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string? workingDirectory, CancellationToken cancellationToken, params string[] args)
    {
        using var process = Process.Start(Info(environment, args, workingDirectory))!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, output, await error);
    }

    /// <summary>Creates an API key with the <c>apikey create</c> verb and returns it.</summary>
    public static async Task<string> CreateApiKeyAsync(IReadOnlyDictionary<string, string> environment, string name, bool admin, CancellationToken cancellationToken)
    {
        string[] args = admin ? ["apikey", "create", "--name", name, "--admin"] : ["apikey", "create", "--name", name];
        return (await RunVerbAsync(environment, cancellationToken, args)).Trim().Split('\n')[^1].Trim();
    }

    /// <summary>Starts the app on a free loopback port and waits until <c>/health</c> answers.</summary>
    public static async Task<CarteroProcess> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var port = PortFinder.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = Info(environment, ["--urls", address.ToString()], workingDirectory);
        var logFile = Path.Combine(environment["Cartero__DataDirectory"], $"process-{Interlocked.Increment(ref _started)}.log");
        var process = Process.Start(info)!;
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => { lock (log) { log.Dispose(); } };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new CarteroProcess(process, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Cartero terminó al arrancar ({process.ExitCode}); vea {logFile}");
            }

            try
            {
                if ((await http.GetAsync("/health", cancellationToken)).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first answer.
            }

            if (DateTime.UtcNow > until)
            {
                await app.DisposeAsync();
                throw new TimeoutException($"Cartero no respondió en /health; vea {logFile}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>An HTTP client for this process carrying <paramref name="apiKey"/>.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>A normal stop (SIGTERM, as systemd or Docker send it); returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("Cartero no terminó tras SIGTERM");
        }

        return _process.ExitCode;
    }

    /// <summary>A crash: SIGKILL, nothing runs after it.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Info(IReadOnlyDictionary<string, string> environment, string[] args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet", [Dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? environment["Cartero__DataDirectory"],
        };
        // The SMTP peers listen on loopback, which an operator must allow (the tests may override it).
        info.Environment["Cartero__Providers__AllowPrivateNetworks"] = "true";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process ended; its last lines are already written.
            }
        }
    }
}
