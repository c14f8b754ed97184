using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Features.Settings;
using Cartero.Platform.Secrets;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Sending;

/// <summary>The worker against a real SMTP server (the smtp-server peer), on both engines.</summary>
public abstract class WorkerTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static readonly Dictionary<string, string?> FastWorker = new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
        ["Cartero:Worker:CircuitOpenFor"] = "00:05:00",
        ["Cartero:Retry:BaseDelay"] = "00:00:00.200",
        ["Cartero:Retry:Jitter"] = "0",
        ["Cartero:Retry:MaxAttempts"] = "4",
    };

    private async Task<CarteroAppFactory> AppSendingToAsync(int port, string? username = null, string? password = null, IDictionary<string, string?>? extra = null, string? sharedConnectionString = null)
    {
        var settings = new Dictionary<string, string?>(FastWorker);
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var app = await NewAppAsync(settings, sharedConnectionString: sharedConnectionString);
        await ConfigureSmtpAsync(app, port, username, password);
        return app;
    }

    protected static Task ConfigureSmtpAsync(CarteroAppFactory app, int port, string? username = null, string? password = null) =>
        app.ConfigureSmtpAsync(port, username, password);

    private static async Task<Guid> EnqueueAsync(HttpClient client, string to)
    {
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = to, ["kind"] = "cliente" },
            ["entity"] = new JsonObject { ["type"] = "pedido", ["id"] = "P-1" },
            ["subject"] = "Su pedido está listo",
            ["html"] = "<p>Puede retirarlo en la sucursal.</p>",
            ["text"] = "Puede retirarlo en la sucursal.",
        }, Ct);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
    }

    private static Task<EmailLogEntry> WaitForStatusAsync(CarteroAppFactory app, Guid id, params EmailStatus[] statuses) =>
        Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.Id == id, Ct)),
            e => statuses.Contains(e.Status),
            $"el correo {id} llega a {string.Join("/", statuses)}");

    [Fact]
    public async Task An_accepted_message_is_enviado_and_arrives_with_its_message_id()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await AppSendingToAsync(smtp.Port);
        var client = await app.CreateApiClientAsync();

        var id = await EnqueueAsync(client, "ana@correo.ec");
        var entry = await WaitForStatusAsync(app, id, EmailStatus.Enviado);

        Assert.Equal(1, entry.Attempts);
        Assert.Equal("smtp", entry.Provider);
        Assert.Equal([EmailStatus.EnCola, EmailStatus.Enviando, EmailStatus.Enviado], entry.Events.OrderBy(e => e.Id).Select(e => e.Status));
        var sent = entry.Events.Single(e => e.Status == EmailStatus.Enviado);
        Assert.Equal(250, sent.Code);
        var received = Assert.Single(await smtp.GetMessagesAsync(Ct));
        Assert.Equal($"<{entry.MessageId}>", received.MessageId);
        Assert.Equal(entry.Id.ToString(), received.CarteroId);
    }

    [Fact]
    public async Task A_recipient_rejected_with_550_fails_at_once_and_keeps_the_server_text()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await AppSendingToAsync(smtp.Port);
        var client = await app.CreateApiClientAsync();

        var id = await EnqueueAsync(client, "rechazo550-ana@correo.ec");
        var entry = await WaitForStatusAsync(app, id, EmailStatus.Fallido);

        Assert.Equal(1, entry.Attempts);
        Assert.Contains("550", entry.LastError);
        Assert.Equal(550, entry.Events.Single(e => e.Status == EmailStatus.Fallido).Code);
        Assert.Empty(await smtp.GetMessagesAsync(Ct));
    }

    [Fact]
    public async Task A_451_deferral_is_retried_and_then_delivered()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await AppSendingToAsync(smtp.Port);
        var client = await app.CreateApiClientAsync();

        var id = await EnqueueAsync(client, "diferido451-luis@correo.ec");
        var entry = await WaitForStatusAsync(app, id, EmailStatus.Enviado);

        Assert.Equal(2, entry.Attempts);
        var retry = entry.Events.Single(e => e.Status == EmailStatus.Reintento);
        Assert.Equal(451, retry.Code);
        Assert.Contains("451", entry.LastError);
        Assert.Single(await smtp.GetMessagesAsync(Ct));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_until_attempts_run_out()
    {
        var closedPort = PortFinder.FreePort();
        var app = await AppSendingToAsync(closedPort, extra: new Dictionary<string, string?> { ["Cartero:Worker:ConnectionFailuresToOpenCircuit"] = "100" });
        var client = await app.CreateApiClientAsync();

        var id = await EnqueueAsync(client, "ana@correo.ec");
        var entry = await WaitForStatusAsync(app, id, EmailStatus.Fallido);

        Assert.Equal(4, entry.Attempts);
        Assert.Equal(3, entry.Events.Count(e => e.Status == EmailStatus.Reintento));
        Assert.Contains("intentos", entry.Events.Last().Detail);
        Assert.False(string.IsNullOrWhiteSpace(entry.LastError));
    }

    [Fact]
    public async Task A_server_that_drops_the_connection_mid_data_is_retried()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await AppSendingToAsync(smtp.Port);
        var client = await app.CreateApiClientAsync();

        var id = await EnqueueAsync(client, "corte-ana@correo.ec");
        var entry = await WaitForStatusAsync(app, id, EmailStatus.Reintento, EmailStatus.Fallido);

        Assert.Contains(entry.Events, e => e.Status == EmailStatus.Reintento);
        Assert.Empty(await smtp.GetMessagesAsync(Ct));
    }

    [Fact]
    public async Task Rejected_authentication_opens_the_circuit_and_spends_no_attempt()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = "la-buena" }, Ct);
        var app = await AppSendingToAsync(smtp.Port, "cartero", "una-mala-clave");
        var client = await app.CreateApiClientAsync();

        var first = await EnqueueAsync(client, "ana@correo.ec");
        var second = await EnqueueAsync(client, "luis@correo.ec");
        var entry = await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.Id == first, Ct)),
            e => e.Events.Count(ev => ev.Status == EmailStatus.EnCola) >= 2,
            "el correo vuelve a la cola por la pausa de la cuenta");

        Assert.Equal(EmailStatus.EnCola, entry.Status);
        Assert.Equal(0, entry.Attempts);
        Assert.Contains("pausa", entry.Events.OrderBy(e => e.Id).Last().Detail);
        Assert.DoesNotContain("una-mala-clave", entry.LastError);
        var other = await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == second, Ct));
        Assert.Equal(0, other.Attempts);
        Assert.NotEqual(EmailStatus.Enviado, other.Status);

        var health = await app.CreateClient().GetFromJsonAsync<JsonObject>("/health", Ct);
        Assert.Equal("abierto", (string?)health!["checks"]!["cola"]!["data"]!["circuito"]);
        Assert.Equal("Degraded", (string?)health["status"]);
        Assert.Empty(await smtp.GetMessagesAsync(Ct));
    }

    [Fact]
    public async Task Rows_of_a_worker_that_died_are_sent_after_its_lease_expires()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        // First instance: worker off; rows are claimed by a worker that "dies" (never sends, never releases).
        var shared = Directory.CreateTempSubdirectory("cartero-lease-").FullName;
        var idle = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Worker:Lease"] = "00:00:01" }, dataDirectory: shared);
        await ConfigureSmtpAsync(idle, smtp.Port);
        var client = await idle.CreateApiClientAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await EnqueueAsync(client, $"cliente{i}@correo.ec"));
        }

        var claimer = idle.Services.GetRequiredService<EmailClaimer>();
        var claimed = await idle.WithDbAsync(db => claimer.ClaimAsync(db, "instancia-caida:1", 10, Ct));
        Assert.Equal(5, claimed.Count);
        Assert.Empty(await smtp.GetMessagesAsync(Ct));
        await idle.DisposeAsync();

        // A new instance on the same data takes the rows over once the lease has expired.
        var survivor = await NewAppAsync(FastWorker, sharedConnectionString: idle.PostgresConnectionString, dataDirectory: shared);
        foreach (var id in ids)
        {
            var entry = await WaitForStatusAsync(survivor, id, EmailStatus.Enviado);
            Assert.Contains(entry.Events, e => e.Detail?.Contains("instancia-caida:1", StringComparison.Ordinal) == true && e.Detail.Contains("venció", StringComparison.Ordinal));
        }

        Assert.Equal(5, (await smtp.GetMessagesAsync(Ct)).Count);
    }

    [Fact]
    public async Task A_result_for_a_row_another_worker_already_recorded_leaves_that_record_alone()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var app = await NewAppAsync();
        await ConfigureSmtpAsync(app, smtp.Port);
        var client = await app.CreateApiClientAsync();
        var taken = await EnqueueAsync(client, "tomado@correo.ec");
        var own = await EnqueueAsync(client, "propio@correo.ec");
        var claimer = app.Services.GetRequiredService<EmailClaimer>();
        var recorder = app.Services.GetRequiredService<SendAttemptRecorder>();
        var writer = app.Services.GetRequiredService<EmailTransitionWriter>();
        var slow = await app.WithDbAsync(db => claimer.ClaimAsync(db, "lento:1", 10, Ct));
        Assert.Equal(2, slow.Count);

        // Another worker took the first row over and recorded its own result first.
        await app.WithDbAsync(async db =>
        {
            var row = await db.Emails.AsNoTracking().SingleAsync(e => e.Id == taken, Ct);
            recorder.Record(row, SendResult.Accepted("250 del otro trabajador", 250), "smtp", TimeSpan.FromMilliseconds(5), "rapido:1");
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            Assert.Equal(1, await writer.SaveAsync(db, [row], Ct));
            await tx.CommitAsync(Ct);
        });

        var written = await app.WithDbAsync(async db =>
        {
            foreach (var entry in slow)
            {
                recorder.Record(entry, SendResult.Accepted("250 del trabajador lento", 250), "smtp", TimeSpan.FromMilliseconds(5), "lento:1");
            }

            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var count = await writer.SaveAsync(db, slow, Ct);
            await tx.CommitAsync(Ct);
            return count;
        });

        Assert.Equal(1, written);
        var first = await WaitForStatusAsync(app, taken, EmailStatus.Enviado);
        Assert.Equal(["en_cola", "enviando", "enviado"], first.Events.OrderBy(e => e.Id).Select(e => e.Status.ToCode()));
        Assert.Equal("250 del otro trabajador", first.Events.Single(e => e.Status == EmailStatus.Enviado).Detail);
        Assert.Equal(1, first.Attempts);
        var second = await WaitForStatusAsync(app, own, EmailStatus.Enviado);
        Assert.Equal("250 del trabajador lento", second.Events.Single(e => e.Status == EmailStatus.Enviado).Detail);
        Assert.Null(second.LeaseOwner);
    }
}

public sealed class SqliteWorkerTests() : WorkerTests(null);

public sealed class PostgresWorkerTests(PostgresCluster postgres) : WorkerTests(postgres)
{
    [Fact]
    public async Task Two_instances_on_one_database_send_every_message_exactly_once()
    {
        const int count = 2000;
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var workerOn = new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.050",
            ["Cartero:Worker:BatchSize"] = "25",
            ["Cartero:Worker:Concurrency"] = "2",
        };
        var first = await NewAppAsync(workerOn);
        await ConfigureSmtpAsync(first, smtp.Port);
        var second = await NewAppAsync(workerOn, sharedConnectionString: first.PostgresConnectionString);
        _ = second.Services;

        var clients = new[] { await first.CreateApiClientAsync(name: "pos-1"), await second.CreateApiClientAsync(name: "pos-2") };
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var response = await clients[worker % 2].PostAsJsonAsync("/api/v1/emails", new JsonObject
                {
                    ["type"] = "aviso_administrativo",
                    ["to"] = new JsonObject { ["address"] = $"cliente{i}@correo.ec" },
                    ["subject"] = $"Aviso {i}",
                    ["text"] = "Texto",
                }, Ct);
                response.EnsureSuccessStatusCode();
            }
        }));

        await Eventually.WaitForAsync(
            () => first.WithDbAsync(db => db.Emails.CountAsync(e => e.Status == EmailStatus.Enviado, Ct)),
            sent => sent == count,
            $"los {count} correos quedan enviados",
            TimeSpan.FromMinutes(3));

        var received = await smtp.GetMessagesAsync(Ct);
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(count, received.Select(m => m.CarteroId).Distinct().Count());
        var owners = await first.WithDbAsync(db => db.EmailEvents
            .Where(e => e.Status == EmailStatus.Enviado).Select(e => e.Actor).Distinct().ToListAsync(Ct));
        Assert.True(owners.Count >= 2, "Las dos instancias debían repartirse el trabajo");
        Assert.Equal(count, await first.WithDbAsync(db => db.EmailEvents.CountAsync(e => e.Status == EmailStatus.Enviado, Ct)));
    }
}
