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

if (args.Contains("--archive-cost"))
{
    foreach (var r in await ArchiveCost.RunAsync(SampleMessage.Create(), ArgValue(args, "--messages", 10_000)))
    {
        Console.WriteLine(FormattableString.Invariant($"{r.Name}: {r.Messages} mensajes, CPU {r.CpuMsPerMessage:0.0000} ms/msg, {r.Elapsed.TotalMilliseconds * 1000 / r.Messages:0.0} µs/msg de reloj"));
    }

    return;
}

var messages = ArgValue(args, "--messages", 10_000);
// (a) costs tens of milliseconds a message (a TCP and SMTP handshake each): 20 give its figure in about a second.
var perConnectionMessages = ArgValue(args, "--per-connection-messages", 20);
// --only-cartero skips the baselines (a), (b), (d), (e): for A/B rounds of two builds of the app (--app DIR).
var onlyCartero = args.Contains("--only-cartero");
var appDirectory = ArgText(args, "--app");
var skipPostgres = args.Contains("--skip-postgres");
var root = BenchPaths.RepositoryRoot();

await using var sink = await SmtpSink.StartAsync(root);
var warmup = ArgValue(args, "--warmup", 2_000);
var results = new BenchResults();
var sample = SampleMessage.Create();

if (!onlyCartero)
{
    results.Add(await RawMailKit.PerConnectionAsync(sink, sample, perConnectionMessages));
    // (b) with as many connections as Cartero's worker has slots (4), and fewer: the best of them is the reference.
    foreach (var connections in new[] { 1, 2, 4 })
    {
        results.Add(await RawMailKit.KeptAliveAsync(sink, sample, messages, connections, warmup));
    }

    results.Add(await SqlFloor.RunAsync(root, sample, messages));
    results.Add(JsonFloor.Run(sample, messages));
}

// One email per request (an ERP posting each sale) and batches (month-end statements, bulk notices).
var phases = args.Contains("--phases");
var batches = args.Contains("--only-batch") ? [ArgValue(args, "--batch", 100)] : new[] { 1, ArgValue(args, "--batch", 100) }.Distinct().ToArray();
foreach (var batch in batches)
{
    results.AddRange(await CarteroEndToEnd.RunAsync(root, appDirectory, sink, sample, messages, postgresConnectionString: null, phases, batch, warmup));
}

if (!skipPostgres)
{
    await using var pg = await ThrowAwayPostgres.StartAsync();
    foreach (var batch in batches)
    {
        results.AddRange(await CarteroEndToEnd.RunAsync(root, appDirectory, sink, sample, messages, await pg.CreateDatabaseAsync(), phases, batch, warmup));
    }
}

var keptAlive = results.Where(r => r.Name.StartsWith("(b)", StringComparison.Ordinal)).MaxBy(r => r.MessagesPerSecond);
Console.WriteLine();
Console.WriteLine($"{"escenario",-52} {"mensajes",9} {"msg/s",9} {"CPU ms/msg",11} {"sumidero",9} {"total",7} {"techo CPU",10} {"vs mejor (b)",13}");
foreach (var r in results)
{
    var ratio = r.Name.StartsWith("(c)", StringComparison.Ordinal) && keptAlive is not null
        ? (r.MessagesPerSecond / keptAlive.MessagesPerSecond).ToString("0.00", CultureInfo.InvariantCulture)
        : "";
    Console.WriteLine($"{r.Name,-52} {r.Messages,9} {r.MessagesPerSecond,9:0} {r.CpuMsPerMessage,11:0.000} {r.SinkCpuMsPerMessage,9:0.000} {r.TotalCpuMsPerMessage,7:0.000} {r.CpuCeiling,10:0} {ratio,13}");
}

Console.WriteLine();
Console.WriteLine($"Máquina: {Environment.ProcessorCount} núcleos, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
if (keptAlive is null || results.FirstOrDefault(r => r.Name.StartsWith("(d)", StringComparison.Ordinal)) is not { } floor ||
    results.FirstOrDefault(r => r.Name.StartsWith("(e)", StringComparison.Ordinal)) is not { } jsonFloor)
{
    return;
}

// What 0.8 of (b) leaves to Cartero once the sink and the load generator have taken their share of the cores.
var target = 0.8 * keptAlive.MessagesPerSecond;
var budget = Environment.ProcessorCount * 1000 / target;
var others = results.Where(r => r.Name.StartsWith("(c)", StringComparison.Ordinal)).Select(r => r.TotalCpuMsPerMessage - r.CpuMsPerMessage).DefaultIfEmpty(keptAlive.SinkCpuMsPerMessage).Min();
var smtpAndLog = keptAlive.CpuMsPerMessage + floor.CpuMsPerMessage + jsonFloor.CpuMsPerMessage;
var bestPossible = Environment.ProcessorCount * 1000 / (others + smtpAndLog) / keptAlive.MessagesPerSecond;
Console.WriteLine();
Console.WriteLine(
    FormattableString.Invariant($"Meta 0.8 x mejor (b) = {target:0} msg/s: con {Environment.ProcessorCount} núcleos caben {budget:0.000} ms de CPU por mensaje en total; ")
    + FormattableString.Invariant($"sin el sumidero ni el generador de carga ({others:0.000} ms) quedan {budget - others:0.000} ms para Cartero. ")
    + FormattableString.Invariant($"Solo la conversación SMTP (b) gasta {keptAlive.CpuMsPerMessage:0.000} ms, solo las filas del registro (d) {floor.CpuMsPerMessage:0.000} ms ")
    + FormattableString.Invariant($"y solo leer el JSON (e) {jsonFloor.CpuMsPerMessage:0.000} ms: juntas {smtpAndLog:0.000} ms, techo {bestPossible:0.00} de (b) en esta máquina ")
    + "aunque HTTP, autenticación, validación, plantillas y MIME costaran cero.");

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
