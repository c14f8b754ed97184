using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Sending.Worker;
using Cartero.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cartero.Tests.Features.Sending.Worker;

/// <summary>
/// The delivery guarantee of docs/architecture.md, measured the way an operator meets it: the app runs as a real
/// process, a recording SMTP peer appends every accepted message's Message-Id to a file, and the test stops the app
/// mid-batch with SIGTERM or SIGKILL, starts it again and counts duplicates and losses.
/// </summary>
public abstract class DeliveryGuaranteeTests(PostgresCluster? postgres) : IAsyncLifetime
{
    private const int Slots = 4;
    private const int BatchSize = 200;
    private const int Emails = 1600;

    private readonly List<string> _directories = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Instances that share the database: two on PostgreSQL, one on SQLite (a single writer).</summary>
    private int Instances => postgres is null ? 1 : 2;

    [Fact]
    public async Task A_normal_stop_mid_batch_sends_no_duplicate_and_hands_the_rest_back()
    {
        await using var run = await PrepareAsync();
        var workers = await run.StartWorkersAsync();
        await run.WaitForReceivedAsync(300);

        Assert.All(await Task.WhenAll(workers.Select(w => w.TerminateAsync())), code => Assert.Equal(0, code));

        // Every accepted message is recorded and nothing is left reserved: the rest went back to the queue at once.
        var received = run.Received();
        var states = await run.CountByStateAsync();
        Assert.True(received.Count < Emails, "La prueba debía detener el envío a mitad de la cola");
        Assert.Equal(received.Distinct().Count(), states.GetValueOrDefault("enviado"));
        Assert.Equal(0, states.GetValueOrDefault("enviando"));
        Assert.Equal(Emails - received.Distinct().Count(), states.GetValueOrDefault("en_cola"));

        await run.DrainAsync();
        run.AssertEachSentExactlyOnce(maxDuplicates: 0);
    }

    [Fact]
    public async Task A_crash_mid_batch_resends_at_most_what_was_in_flight()
    {
        await using var run = await PrepareAsync();
        var workers = await run.StartWorkersAsync();
        await run.WaitForReceivedAsync(600);

        await Task.WhenAll(workers.Select(w => w.KillAsync()));
        Assert.True(run.Received().Count < Emails, "La prueba debía interrumpir el envío a mitad de la cola");

        await run.DrainAsync();
        // Per instance: the messages whose outcome was not committed yet (WorkerOptions.MaxUnrecorded, in flight included),
        // never a whole batch.
        run.AssertEachSentExactlyOnce(maxDuplicates: Instances * (Slots + new WorkerOptions().MaxUnrecorded));
    }

    private async Task<Run> PrepareAsync()
    {
        var root = Directory.CreateTempSubdirectory("cartero-entrega-").FullName;
        _directories.Add(root);
        var record = Path.Combine(root, "recibidos.txt");
        var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions { Discard = true, RecordFile = record }, Ct);
        var connection = postgres is null ? null : await postgres.CreateDatabaseAsync("entrega", Ct);
        var environments = Enumerable.Range(1, Instances).Select(i =>
        {
            var data = Path.Combine(root, $"instancia{i}");
            Directory.CreateDirectory(data);
            var env = new Dictionary<string, string>
            {
                ["Cartero__DataDirectory"] = data,
                ["Cartero__Worker__Concurrency"] = Slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Cartero__Worker__BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Short, so a crash's rows are taken over within the test, yet long enough that a slot starved of CPU on a
                // loaded two-core machine still renews it in time (renewed every third of it while a worker lives).
                ["Cartero__Worker__Lease"] = "00:00:10",
                ["Cartero__Worker__PollInterval"] = "00:00:00.200",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Cartero.Features.Sending"] = "Information",
            };
            if (connection is not null)
            {
                env["Cartero__Database__Provider"] = "Postgres";
                env["Cartero__Database__ConnectionString"] = connection;
            }

            return env;
        }).ToList();

        var key = await CarteroProcess.CreateApiKeyAsync(environments[0], "pruebas-entrega", admin: true, Ct);
        var run = new Run(peer, record, environments, connection);

        // Fill the queue with the worker off, so the workers start on full batches.
        var filler = await CarteroProcess.StartAsync(new Dictionary<string, string>(environments[0]) { ["Cartero__Worker__Enabled"] = "false" }, Ct);
        using (var client = filler.CreateClient(key))
        {
            (await client.PutAsJsonAsync("/api/v1/settings/mail", new JsonObject
            {
                ["provider"] = "smtp", ["host"] = peer.Host, ["port"] = peer.Port, ["security"] = "none",
                ["fromAddress"] = "pedidos@optica.ec", ["fromName"] = "Óptica Visión",
            }, Ct)).EnsureSuccessStatusCode();
            for (var first = 0; first < Emails; first += 100)
            {
                var items = new JsonArray([.. Enumerable.Range(first, 100).Select(i => (JsonNode)new JsonObject
                {
                    ["type"] = "pedido",
                    ["to"] = new JsonObject { ["address"] = $"cliente{i}@correo.ec", ["kind"] = "cliente" },
                    ["entity"] = new JsonObject { ["type"] = "pedido", ["id"] = $"P-{i}" },
                    ["subject"] = $"Su pedido {i} está listo",
                    ["text"] = "Puede retirarlo en la sucursal.",
                })]);
                var response = await client.PostAsJsonAsync("/api/v1/emails/batch", new JsonObject { ["items"] = items }, Ct);
                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadFromJsonAsync<EnqueueEmailBatchResponse>(Ct);
                run.Enqueued.UnionWith(body!.Items.Select(i => i.Id));
            }
        }

        Assert.Equal(0, await filler.TerminateAsync());
        await filler.DisposeAsync();
        Assert.Equal(Emails, run.Enqueued.Count);
        return run;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var dir in _directories)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A file a finished process still held; the temp folder is cleaned by the OS.
            }
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private sealed class Run(SmtpPeer peer, string record, List<Dictionary<string, string>> environments, string? postgres) : IAsyncDisposable
    {
        private readonly List<CarteroProcess> _processes = [];

        public HashSet<Guid> Enqueued { get; } = [];

        public async Task<IReadOnlyList<CarteroProcess>> StartWorkersAsync()
        {
            // Together, so every instance is working when the test stops them.
            var started = await Task.WhenAll(environments.Select(env => CarteroProcess.StartAsync(env, Ct)));
            _processes.AddRange(started);
            return started;
        }

        /// <summary>The Message-Ids the peer accepted, one per message received (a repeat appears twice).</summary>
        public List<string> Received() =>
            File.Exists(record)
                ? [.. File.ReadAllText(record).Split('\n').SkipLast(1)]
                : [];

        public Task WaitForReceivedAsync(int count) =>
            Eventually.WaitForAsync(() => Task.FromResult(Received().Count), n => n >= count, $"el servidor recibe {count} mensajes", TimeSpan.FromMinutes(2));

        /// <summary>One instance again, until every enqueued email has arrived; then a normal stop.</summary>
        public async Task DrainAsync()
        {
            var survivor = await CarteroProcess.StartAsync(environments[0], Ct);
            _processes.Add(survivor);
            await Eventually.WaitForAsync(() => Task.FromResult(Received().Distinct().Count()), n => n >= Enqueued.Count,
                $"llegan los {Enqueued.Count} correos", TimeSpan.FromMinutes(3));
            await Eventually.WaitForAsync(async () => (await CountByStateAsync()).GetValueOrDefault("enviado"), n => n == Enqueued.Count,
                "todos quedan enviados en el registro", TimeSpan.FromMinutes(1));
            Assert.Equal(0, await survivor.TerminateAsync());
        }

        public void AssertEachSentExactlyOnce(int maxDuplicates)
        {
            var received = Received();
            var ids = received.Select(line => Guid.ParseExact(line.Trim('<', '>').Split('@')[0], "N")).ToList();
            Assert.Empty(Enqueued.Except(ids));
            Assert.Empty(ids.Except(Enqueued));
            var duplicates = ids.Count - ids.Distinct().Count();
            TestContext.Current.TestOutputHelper?.WriteLine($"{ids.Distinct().Count()} correos, {ids.Count} mensajes recibidos, {duplicates} repetidos");
            Assert.True(duplicates <= maxDuplicates, $"{duplicates} mensajes llegaron dos veces (máximo {maxDuplicates})");
        }

        public async Task<Dictionary<string, int>> CountByStateAsync()
        {
            await using DbConnection connection = postgres is null
                ? new SqliteConnection($"Data Source={Path.Combine(environments[0]["Cartero__DataDirectory"], "cartero.db")};Pooling=False")
                : new NpgsqlConnection(postgres);
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT estado, COUNT(*) FROM log_envio_correo GROUP BY estado";
            var counts = new Dictionary<string, int>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            }

            return counts;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in _processes)
            {
                await process.DisposeAsync();
            }

            await peer.DisposeAsync();
        }
    }
}

public sealed class SqliteDeliveryGuaranteeTests() : DeliveryGuaranteeTests(null);

public sealed class PostgresDeliveryGuaranteeTests(PostgresCluster postgres) : DeliveryGuaranteeTests(postgres);
