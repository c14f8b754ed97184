using System.Diagnostics;
using System.Globalization;
using Cartero.Bench;

// Throughput of Cartero's send path against a local discarding SMTP sink, next to raw MailKit.
// Not a test: prints figures for docs/performance.md.
if (args.Contains("--log-queries"))
{
    var logRows = ArgValue(args, "--rows", 1_000_000);
    await LogQueryBench.RunAsync(logRows, null);
    if (!args.Contains("--skip-postgres"))
    {
        await using var logPg = await ThrowAwayPostgres.StartAsync();
        await LogQueryBench.RunAsync(logRows, await logPg.CreateDatabaseAsync());
    }

    return;
}

if (args.Contains("--sri"))
{
    var schemas = ArgText(args, "--sri-schemas") ?? BenchPaths.SriSchemaDirectory(BenchPaths.RepositoryRoot());
    await SriInvoiceBench.RunAsync(ArgValue(args, "--invoices", 1_000), ArgValue(args, "--lines", 20), schemas);
    return;
}

var messages = ArgValue(args, "--messages", 10_000);
var perConnectionMessages = ArgValue(args, "--per-connection-messages", 2_000);
var skipPostgres = args.Contains("--skip-postgres");
var root = BenchPaths.RepositoryRoot();

await using var sink = await SmtpSink.StartAsync(root);
var results = new List<BenchResult>();
var sample = SampleMessage.Create();

results.Add(await RawMailKit.PerConnectionAsync(sink, sample, perConnectionMessages));
results.Add(await RawMailKit.KeptAliveAsync(sink, sample, messages, connections: 1));
var keptAlive2 = await RawMailKit.KeptAliveAsync(sink, sample, messages, connections: 2);
results.Add(keptAlive2);

// One email per request (an ERP posting each sale) and batches (month-end statements, bulk notices).
var phases = args.Contains("--phases");
var batches = new[] { 1, ArgValue(args, "--batch", 100) }.Distinct().ToArray();
foreach (var batch in batches)
{
    results.AddRange(await CarteroEndToEnd.RunAsync(root, sink, sample, messages, postgresConnectionString: null, phases, batch));
}

if (!skipPostgres)
{
    await using var pg = await ThrowAwayPostgres.StartAsync();
    foreach (var batch in batches)
    {
        results.AddRange(await CarteroEndToEnd.RunAsync(root, sink, sample, messages, await pg.CreateDatabaseAsync(), phases, batch));
    }
}

Console.WriteLine();
Console.WriteLine($"{"escenario",-52} {"mensajes",9} {"msg/s",9} {"CPU ms/msg",11} {"vs (b) 2 con.",14}");
foreach (var r in results)
{
    var ratio = r.Name.StartsWith("(c)", StringComparison.Ordinal)
        ? (r.MessagesPerSecond / keptAlive2.MessagesPerSecond).ToString("0.00", CultureInfo.InvariantCulture)
        : "";
    Console.WriteLine($"{r.Name,-52} {r.Messages,9} {r.MessagesPerSecond,9:0} {r.CpuMsPerMessage,11:0.000} {ratio,14}");
}

Console.WriteLine();
Console.WriteLine($"Máquina: {Environment.ProcessorCount} núcleos, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

static int ArgValue(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string? ArgText(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
