using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Features.Sending.TestSend;
using Cartero.Features.Sending.Worker;
using Cartero.Features.Settings;
using Cartero.Platform.Secrets;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Sending.Worker;

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
    public async Task A_deferred_bcc_is_retried_alone_and_every_recipient_is_accounted_for()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await AppSendingToAsync(smtp.Port);
        var client = await app.CreateApiClientAsync();
        const string bcc = "diferido451-auditoria@correo.ec";
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = "ana@correo.ec", ["kind"] = "cliente" },
            ["cc"] = new JsonArray(new JsonObject { ["address"] = "rechazo550-copia@correo.ec" }),
            ["bcc"] = new JsonArray(new JsonObject { ["address"] = bcc }),
            ["subject"] = "Su pedido está listo",
            ["text"] = "Puede retirarlo en la sucursal.",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);

        var entry = await WaitForStatusAsync(app, id, EmailStatus.Enviado);

        // The To received one copy (first attempt); the Bcc one copy (the retry, to it alone); the refused Cc none.
        var received = await smtp.GetMessagesAsync(Ct);
        Assert.Equal(1, received.Count(m => m.To.Contains("ana@correo.ec")));
        Assert.Equal(1, received.Count(m => m.To.Contains(bcc)));
        Assert.Equal(2, received.Count);
        Assert.Equal([bcc], received.Single(m => m.To.Contains(bcc)).To);
        Assert.All(received, m => Assert.Equal($"<{entry.MessageId}>", m.MessageId));

        Assert.Equal(2, entry.Attempts);
        Assert.Null(entry.PendingRecipients);
        var events = entry.Events.OrderBy(e => e.Id).ToList();
        Assert.Equal(451, events.Single(e => e.Recipient == bcc && e.Code == 451).Code);
        Assert.Contains(events, e => e.Recipient == bcc && e.Detail!.Contains("aceptado", StringComparison.Ordinal));
        Assert.Equal(550, events.Single(e => e.Recipient == "rechazo550-copia@correo.ec").Code);
        Assert.Contains("Entrega parcial", events.Single(e => e.Status == EmailStatus.Reintento && e.Recipient is null).Detail);
        // Per-recipient events change no state.
        Assert.All(events.Where(e => e.Recipient is not null), e => Assert.Equal(e.PreviousStatus, e.Status));

        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/v1/emails/{id}", Ct);
        Assert.True((bool)detail!["partialDelivery"]!);
        var outcomes = detail["recipients"]!.AsArray().ToDictionary(r => (string)r!["address"]!, r => (string)r!["outcome"]!);
        Assert.Equal("aceptado", outcomes["ana@correo.ec"]);
        Assert.Equal("aceptado", outcomes[bcc]);
        Assert.Equal("rechazado", outcomes["rechazo550-copia@correo.ec"]);

        var panel = await PanelSession.SignInAsync(app, Cartero.Platform.Identity.CarteroRoles.Admin);
        var page = await panel.GetStringAsync($"/correos/{id}");
        Assert.Contains("Entrega parcial", page);
        Assert.Contains("Destinatarios", page);
        Assert.Contains("rechazado", page);
        Assert.Contains(bcc, page);

        // The statistics count the email's transitions, not the notes about its recipients.
        var transitions = await app.WithDbAsync(db => db.EmailEvents.CountAsync(e => e.EmailId == id && e.Recipient == null, Ct));
        // One statement, so a compaction running meanwhile cannot move rows between the two tables unseen.
        var counted = await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>(
            "SELECT CAST((SELECT COALESCE(SUM(transiciones), 0) FROM estadistica_envio_cambio WHERE tipo_correo = 'pedido') + " +
            "(SELECT COALESCE(SUM(transiciones), 0) FROM estadistica_envio_diaria WHERE tipo_correo = 'pedido') AS INTEGER) AS \"Value\"").SingleAsync(Ct));
        Assert.Equal(transitions, counted);
    }

    [Theory]
    [InlineData("sendgrid")]
    [InlineData("pickup")]
    public async Task An_account_switched_during_a_partial_delivery_sends_the_retry_to_the_pending_recipients_only(string provider)
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sendGrid = await SendGridFake.StartAsync();
        // The retry waits until the test makes it due, after switching the account.
        var app = await AppSendingToAsync(smtp.Port, extra: new Dictionary<string, string?> { ["Cartero:Retry:BaseDelay"] = "01:00:00" });
        var client = await app.CreateApiClientAsync();
        const string bcc = "diferido451-auditoria@correo.ec";
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = "ana@correo.ec", ["kind"] = "cliente" },
            ["cc"] = new JsonArray(new JsonObject { ["address"] = "copia@correo.ec" }),
            ["bcc"] = new JsonArray(new JsonObject { ["address"] = bcc }),
            ["subject"] = "Su pedido está listo",
            ["text"] = "Puede retirarlo en la sucursal.",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
        var partial = await WaitForStatusAsync(app, id, EmailStatus.Reintento);
        Assert.Equal(bcc, partial.PendingRecipients);
        Assert.Single(await smtp.GetMessagesAsync(Ct));

        var admin = await app.CreateApiClientAsync(admin: true);
        var settings = provider == "sendgrid"
            ? new JsonObject
            {
                ["provider"] = "sendgrid", ["apiKey"] = SendGridFake.ValidKey, ["sendGridBaseUrl"] = sendGrid.BaseAddress.ToString(),
                ["fromAddress"] = "notificaciones@optica.ec", ["version"] = 1,
            }
            : new JsonObject { ["provider"] = "pickup", ["fromAddress"] = "notificaciones@optica.ec", ["version"] = 1 };
        var switched = await admin.PutAsJsonAsync("/api/v1/settings/mail", settings, Ct);
        Assert.True(switched.IsSuccessStatusCode, await switched.Content.ReadAsStringAsync(Ct));
        await app.WithDbAsync(db => db.Emails.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)), Ct));

        var entry = await WaitForStatusAsync(app, id, EmailStatus.Enviado);
        Assert.Equal(provider, entry.Provider);
        Assert.Null(entry.PendingRecipients);
        Assert.Single(await smtp.GetMessagesAsync(Ct));
        if (provider == "sendgrid")
        {
            var body = Assert.Single(sendGrid.Accepted);
            var personalization = Assert.Single(body["personalizations"]!.AsArray())!;
            Assert.Equal([bcc], personalization["to"]!.AsArray().Select(a => (string)a!["email"]!));
            Assert.Null(personalization["cc"]);
            Assert.Null(personalization["bcc"]);
        }
        else
        {
            var outbox = app.Services.GetRequiredService<Cartero.Platform.DataDirectory>().Outbox;
            var file = await File.ReadAllTextAsync(Path.Combine(outbox, $"{id}.eml"), Ct);
            var envelope = file.Split("\r\n").TakeWhile(l => l.StartsWith("X-Sender: ", StringComparison.Ordinal) || l.StartsWith("X-Receiver: ", StringComparison.Ordinal)).ToList();
            Assert.Equal(["X-Sender: notificaciones@optica.ec", $"X-Receiver: {bcc}"], envelope);
            // The headers still name everyone, as in the first attempt.
            Assert.Contains("ana@correo.ec", file);
            Assert.Equal(entry.Events.Single(e => e.Status == EmailStatus.Enviado && e.Recipient == null).MessageSha256,
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(outbox, $"{id}.eml"), Ct))));
        }
    }

    [Fact]
    public async Task An_outage_spends_no_attempt_and_a_probe_resumes_sending_when_the_server_is_back()
    {
        var port = PortFinder.FreePort();
        var app = await AppSendingToAsync(port, extra: new Dictionary<string, string?>
        {
            ["Cartero:Worker:CircuitOpenFor"] = "00:00:00.200",
            ["Cartero:Worker:CircuitMaxOpenFor"] = "00:00:00.500",
        });
        var client = await app.CreateApiClientAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await EnqueueAsync(client, $"cliente{i}@correo.ec"));
        }

        // Nothing listens: the first connection failure pauses the account; the rows claimed go back, attempt unspent,
        // and the others are not claimed while it is paused. Probes then keep failing and grow the wait to its maximum.
        var breaker = app.Services.GetRequiredService<AccountCircuitBreaker>();
        var account = (await app.Services.GetRequiredService<IMailAccountSource>().GetCurrentAsync(Ct)).Key;
        var open = await Eventually.WaitForAsync(
            () => Task.FromResult(breaker.GetOpen(account)),
            state => state is { OpenFor.TotalMilliseconds: >= 500 },
            "varias comprobaciones fallidas alargan la espera hasta el máximo");
        Task<List<EmailLogEntry>> RowsAsync() =>
            app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).Where(e => ids.Contains(e.Id)).ToListAsync(Ct));
        var paused = await RowsAsync();
        Assert.All(paused, r =>
        {
            Assert.Equal(EmailStatus.EnCola, r.Status);
            Assert.Equal(0, r.Attempts);
        });
        Assert.Contains(paused, r => r.Events.Any(e => e.Detail?.Contains("pausa", StringComparison.Ordinal) == true));

        // Two more failed probes touch no row.
        await Eventually.WaitForAsync(
            () => Task.FromResult(breaker.GetOpen(account)),
            state => state is not null && state.OpenUntil >= open!.OpenUntil + 2 * open.OpenFor,
            "dos comprobaciones más fallan");
        var before = paused.ToDictionary(r => r.Id, r => r.Events.Count);
        var during = await RowsAsync();
        Assert.All(during, r =>
        {
            Assert.Equal(0, r.Attempts);
            Assert.Equal(before[r.Id], r.Events.Count);
        });
        var health = await app.CreateClient().GetFromJsonAsync<JsonObject>("/health", Ct);
        Assert.Equal("abierto", (string?)health!["checks"]!["cola"]!["data"]!["circuito"]);

        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { Port = port }, Ct);
        foreach (var id in ids)
        {
            var sent = await WaitForStatusAsync(app, id, EmailStatus.Enviado);
            Assert.Equal(1, sent.Attempts);
            Assert.DoesNotContain(sent.Events, e => e.Status is EmailStatus.Reintento or EmailStatus.Fallido);
        }

        var received = await smtp.GetMessagesAsync(Ct);
        Assert.Equal(6, received.Count);
        Assert.Equal(6, received.Select(m => m.CarteroId).Distinct().Count());
        Assert.Empty(breaker.Snapshot());
        health = await app.CreateClient().GetFromJsonAsync<JsonObject>("/health", Ct);
        Assert.Equal("cerrado", (string?)health!["checks"]!["cola"]!["data"]!["circuito"]);
    }

    [Fact]
    public async Task A_server_that_never_greets_pauses_the_account_and_is_reported()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { NoGreeting = true }, Ct);
        var app = await AppSendingToAsync(smtp.Port, extra: new Dictionary<string, string?> { ["Cartero:Providers:Smtp:ConnectTimeout"] = "00:00:01" });
        var client = await app.CreateApiClientAsync();

        var id = await EnqueueAsync(client, "ana@correo.ec");
        var entry = await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.Id == id, Ct)),
            e => e.Status == EmailStatus.EnCola && e.Events.Any(ev => ev.Detail?.Contains("pausa", StringComparison.Ordinal) == true),
            "el correo vuelve a la cola por la pausa de la cuenta");
        var health = await Eventually.WaitForAsync(
            () => app.CreateClient().GetFromJsonAsync<JsonObject>("/health", Ct)!,
            h => (string?)h!["checks"]!["cola"]!["data"]!["circuito"] == "abierto",
            "la cuenta queda en pausa por un servidor que no saluda");

        Assert.Equal("Degraded", (string?)health!["status"]);
        Assert.Contains("saludo", (string?)health["checks"]!["cola"]!["data"]!["circuito_motivo"]);
        Assert.Equal(0, entry.Attempts);
        Assert.Contains("saludo", entry.LastError);
        Assert.Empty(await smtp.GetMessagesAsync(Ct));
        Assert.True((await smtp.GetStatsAsync(Ct)).Connections >= 1);
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
            EmailTransitionWriter.Remember(db, [row]);
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

    [Fact]
    public async Task A_worker_whose_lease_was_taken_over_cannot_overwrite_the_new_owners_record()
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();
        var id = await EnqueueAsync(client, "ana@correo.ec");
        var claimer = app.Services.GetRequiredService<EmailClaimer>();
        var recorder = app.Services.GetRequiredService<SendAttemptRecorder>();
        var writer = app.Services.GetRequiredService<EmailTransitionWriter>();
        var old = Assert.Single(await app.WithDbAsync(db => claimer.ClaimAsync(db, "viejo:1", 10, Ct)));

        // The old worker stalled past its lease; a new one took the row over and is still sending it.
        await app.WithDbAsync(db => db.Emails.Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct));
        var current = Assert.Single(await app.WithDbAsync(db => claimer.ClaimAsync(db, "nuevo:1", 10, Ct)));

        async Task<int> SaveAsync(EmailLogEntry entry, string detail, string actor) => await app.WithDbAsync(async db =>
        {
            recorder.Record(entry, SendResult.Accepted(detail, 250), "smtp", TimeSpan.FromMilliseconds(5), actor);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var written = await writer.SaveAsync(db, [entry], Ct);
            await tx.CommitAsync(Ct);
            return written;
        });

        Assert.Equal(0, await SaveAsync(old, "250 del trabajador viejo", "viejo:1"));
        var row = await app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.Id == id, Ct));
        Assert.Equal(EmailStatus.Enviando, row.Status);
        Assert.Equal("nuevo:1", row.LeaseOwner);
        Assert.DoesNotContain(row.Events, e => e.Status == EmailStatus.Enviado);

        Assert.Equal(1, await SaveAsync(current, "250 del trabajador nuevo", "nuevo:1"));
        var sent = await WaitForStatusAsync(app, id, EmailStatus.Enviado);
        Assert.Equal("250 del trabajador nuevo", sent.Events.Single(e => e.Status == EmailStatus.Enviado).Detail);
        Assert.Equal(1, sent.Attempts);
    }

    [Fact]
    public async Task A_provider_slower_than_the_lease_allows_for_a_batch_sends_each_message_once()
    {
        // One batch of 20 messages of 0.4 s each (8 s) under a lease of 6 s, and two slots idle, ready to take over
        // expired rows. The renewal runs every third of the lease: only a renewal missed for 4 s could let a takeover
        // through, so a busy machine does not make the test fail without a fault.
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions { Slow = TimeSpan.FromMilliseconds(400) }, Ct);
        var app = await AppSendingToAsync(smtp.Port, extra: new Dictionary<string, string?>
        {
            ["Cartero:Worker:Lease"] = "00:00:06",
            ["Cartero:Worker:BatchSize"] = "20",
            ["Cartero:Worker:Concurrency"] = "3",
        });
        var client = await app.CreateApiClientAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await EnqueueAsync(client, $"lento-cliente{i}@correo.ec"));
        }

        foreach (var id in ids)
        {
            var entry = await WaitForStatusAsync(app, id, EmailStatus.Enviado);
            Assert.DoesNotContain(entry.Events, e => e.Detail?.StartsWith("Tomado por", StringComparison.Ordinal) == true);
        }

        var received = await smtp.GetMessagesAsync(Ct);
        Assert.Equal(20, received.Count);
        Assert.Equal(20, received.Select(m => m.CarteroId).Distinct().Count());
    }

    [Fact]
    public async Task The_connection_test_sends_each_test_mail_once_while_the_worker_runs()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await AppSendingToAsync(smtp.Port);
        var admin = await app.CreateApiClientAsync(admin: true);

        for (var i = 0; i < 30; i++)
        {
            var answer = await admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = $"soporte{i}@optica.ec" }, Ct);
            answer.EnsureSuccessStatusCode();
        }

        // Give a worker that wrongly picked a test up the time to send it a second time.
        var client = await app.CreateApiClientAsync();
        var marker = await EnqueueAsync(client, "despues-de-las-pruebas@correo.ec");
        await WaitForStatusAsync(app, marker, EmailStatus.Enviado);

        var tests = (await smtp.GetMessagesAsync(Ct)).Where(m => m.To.Any(t => t.StartsWith("soporte", StringComparison.Ordinal))).ToList();
        Assert.Equal(30, tests.Count);
        Assert.Equal(30, tests.Select(m => m.CarteroId).Distinct().Count());
        var rows = await app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).Where(e => e.Type == "prueba").ToListAsync(Ct));
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(EmailStatus.Enviado, r.Status);
            Assert.Equal(1, r.Attempts);
            Assert.Null(r.LeaseOwner);
            Assert.Single(r.Events, e => e.Status == EmailStatus.Enviando);
        });
    }

    [Fact]
    public async Task Enviando_rows_without_a_live_lease_are_reported_and_taken_over()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var shared = Directory.CreateTempSubdirectory("cartero-sin-reserva-").FullName;
        var idle = await NewAppAsync(dataDirectory: shared);
        await ConfigureSmtpAsync(idle, smtp.Port);
        var client = await idle.CreateApiClientAsync();
        var stuck = await EnqueueAsync(client, "ana@correo.ec");
        // What an interrupted connection test left behind before tests carried a lease: enviando, no lease, no attempt.
        Guid test;
        await using (var scope = idle.Services.CreateAsyncScope())
        {
            test = (await scope.ServiceProvider.GetRequiredService<ITestMailSender>()
                .SendTestAsync("soporte@optica.ec", new Cartero.Platform.Auth.RequestActor("admin-test", null, true), null, Ct)).EmailId;
        }

        await idle.WithDbAsync(db => db.Emails.Where(e => e.Id == stuck || e.Id == test)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EmailStatus.Enviando).SetProperty(e => e.LeaseOwner, (string?)null)
                .SetProperty(e => e.LeaseExpiresAt, (DateTime?)null), Ct));

        var health = await idle.CreateClient().GetFromJsonAsync<JsonObject>("/health", Ct);
        Assert.Equal(2, (int)health!["checks"]!["cola"]!["data"]!["enviando_sin_reserva"]!);
        await idle.DisposeAsync();

        var worker = await NewAppAsync(FastWorker, sharedConnectionString: idle.PostgresConnectionString, dataDirectory: shared);
        var sent = await WaitForStatusAsync(worker, stuck, EmailStatus.Enviado);
        Assert.Contains(sent.Events, e => e.Detail?.Contains("sin reserva", StringComparison.Ordinal) == true);
        // A test is never retried: the interrupted one is closed, with what to do next.
        var closed = await WaitForStatusAsync(worker, test, EmailStatus.Fallido);
        Assert.Contains("repita la prueba", closed.LastError);
    }

    [Fact]
    public async Task Retrying_an_email_that_is_being_sent_answers_409()
    {
        await using var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();
        var id = await EnqueueAsync(client, "ana@correo.ec");
        var claimer = app.Services.GetRequiredService<EmailClaimer>();
        Assert.Single(await app.WithDbAsync(db => claimer.ClaimAsync(db, "trabajando:1", 10, Ct)));

        var response = await client.PostAsync($"/api/v1/emails/{id}/retry", null, Ct);

        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Contains("enviando", (string?)problem!["detail"]);
        var row = await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct));
        Assert.Equal(EmailStatus.Enviando, row.Status);
        Assert.Equal("trabajando:1", row.LeaseOwner);
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
