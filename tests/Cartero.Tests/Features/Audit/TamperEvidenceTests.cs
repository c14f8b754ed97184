using System.Data.Common;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Audit;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Platform.Cli;
using Cartero.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cartero.Tests.Features.Audit;

/// <summary>
/// The three chained tables edited behind Cartero's back with raw SQL on the real database (triggers dropped first, as an
/// attacker with the database but without the key folder would): every alteration is reported by <c>audit verify</c>.
/// </summary>
public abstract class TamperEvidenceTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static readonly Dictionary<string, string?> Worker = new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
    };

    private const int Emails = 4;
    private const int Invoices = 3;
    private const int CreditNotes = 2;

    /// <summary>An app with audit rows, invoices with their events and emails sent through the real worker (inserter and transition writer), and a checkpoint.</summary>
    private async Task<CarteroAppFactory> PopulatedAppAsync(string? dataDirectory = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(Worker);
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var app = await NewAppAsync(settings, dataDirectory: dataDirectory);
        await RecordAuditAsync(app, 6);
        await CreateInvoicesAsync(app, Invoices);
        await CreateCreditNotesAsync(app, CreditNotes);
        var client = await app.CreateApiClientAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < Emails; i++)
        {
            ids.Add(await EnqueueAsync(client, $"cliente{i}@correo.ec"));
        }

        await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.CountAsync(e => ids.Contains(e.Id) && e.Status == EmailStatus.Enviado, Ct)),
            n => n == Emails, "todos los correos quedan enviados");
        await WriteCheckpointAsync(app);
        return app;
    }

    private static async Task RecordAuditAsync(CarteroAppFactory app, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(new AuditRecord("admin@optica.ec", "10.0.0.5", AuditAction.All[i % AuditAction.All.Count], "objeto", new { n = i }), Ct);
        }
    }

    private static async Task CreateInvoicesAsync(CarteroAppFactory app, int count)
    {
        var first = await app.WithDbAsync(db => db.Invoices.CountAsync(Ct));
        for (var i = first; i < first + count; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Cartero.Platform.Data.CarteroDbContext>();
            var machine = scope.ServiceProvider.GetRequiredService<InvoiceStateMachine>();
            var invoice = new Invoice
            {
                Id = Guid.CreateVersion7(),
                CreatedAt = DateTime.UtcNow,
                Environment = "pruebas",
                Establishment = "001",
                EmissionPoint = "001",
                Sequential = i + 1,
                AccessKey = $"{i + 1:D49}",
                IssuerRuc = "1790012344001",
                IssuerName = "Óptica Visión S.A.",
                BuyerIdType = "05",
                BuyerId = "1710034065",
                BuyerName = "Ana Pérez",
                OriginatedBy = "erp",
                GeneratedXml = "<factura/>",
            };
            machine.Start(invoice, "erp", "Factura generada");
            machine.Transition(invoice, InvoiceStatus.Firmada, "Firmada", "proceso");
            machine.Transition(invoice, InvoiceStatus.EnviadaSri, "Enviada al SRI", "proceso");
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(Ct);
        }
    }

    /// <summary>Notas de crédito of the last invoice (the tampering cases delete the first) with three chained events each, written by the same state machine as the app's.</summary>
    private static async Task CreateCreditNotesAsync(CarteroAppFactory app, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Cartero.Platform.Data.CarteroDbContext>();
        var machine = scope.ServiceProvider.GetRequiredService<InvoiceStateMachine>();
        var invoice = await db.Invoices.AsNoTracking().OrderByDescending(i => i.Id).FirstAsync(Ct);
        for (var i = 0; i < count; i++)
        {
            var note = new Cartero.Features.Invoicing.CreditNotes.CreditNote
            {
                Id = Guid.CreateVersion7(),
                InvoiceId = invoice.Id,
                CreatedAt = DateTime.UtcNow,
                Environment = "pruebas",
                Establishment = "001",
                EmissionPoint = "001",
                Sequential = i + 1,
                AccessKey = $"{i + 1:D48}4",
                IssuerRuc = invoice.IssuerRuc,
                IssuerName = invoice.IssuerName,
                BuyerIdType = invoice.BuyerIdType,
                BuyerId = invoice.BuyerId,
                BuyerName = invoice.BuyerName,
                InvoiceNumber = invoice.Number,
                Reason = "Devolución de mercadería",
                OriginatedBy = "erp",
                GeneratedXml = "<notaCredito/>",
            };
            machine.Start(note, "erp", "Nota de crédito generada");
            machine.Transition(note, InvoiceStatus.Firmada, "Firmada", "proceso");
            machine.Transition(note, InvoiceStatus.EnviadaSri, "Enviada al SRI", "proceso");
            db.CreditNotes.Add(note);
        }

        await db.SaveChangesAsync(Ct);
    }

    private static async Task<Guid> EnqueueAsync(HttpClient client, string to)
    {
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = to, ["kind"] = "cliente" },
            ["entity"] = new JsonObject { ["type"] = "pedido", ["id"] = "P-1" },
            ["subject"] = "Su pedido está listo",
            ["text"] = "Puede retirarlo en la sucursal.",
        }, Ct);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
    }

    private static async Task<ChainCheckpoint> WriteCheckpointAsync(CarteroAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChainCheckpointWriter>().WriteAsync(Ct);
    }

    private static async Task<IntegrityReport> VerifyAsync(CarteroAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChainIntegrity>().VerifyAsync(Ct);
    }

    private static async Task<(int Exit, string Output, string Error)> VerbAsync(CarteroAppFactory app, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliModule.RunAsync(app.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A connection of its own to the app's database file or PostgreSQL database, as a person with sqlite3 or psql has.</summary>
    private static async Task<DbConnection> OpenRawAsync(CarteroAppFactory app)
    {
        DbConnection connection = app.IsPostgres
            ? new NpgsqlConnection(app.PostgresConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(app.DataDirectory, "cartero.db"), Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task ExecAsync(CarteroAppFactory app, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenRawAsync(app);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<T> ScalarAsync<T>(CarteroAppFactory app, string sql)
    {
        await using var connection = await OpenRawAsync(app);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(Ct);
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What an attacker does first: the append-only triggers go.</summary>
    private static Task DropTriggersAsync(CarteroAppFactory app) => ExecAsync(app, app.IsPostgres
        ? "ALTER TABLE log_auditoria DISABLE TRIGGER USER; ALTER TABLE factura_evento DISABLE TRIGGER USER; ALTER TABLE log_envio_correo_evento DISABLE TRIGGER USER; ALTER TABLE nota_credito_evento DISABLE TRIGGER USER;"
        : "DROP TRIGGER log_auditoria_sin_cambios; DROP TRIGGER log_auditoria_sin_borrado; DROP TRIGGER factura_evento_sin_cambios; DROP TRIGGER factura_evento_sin_borrado; DROP TRIGGER log_envio_correo_evento_sin_cambios; DROP TRIGGER log_envio_correo_evento_sin_borrado; DROP TRIGGER nota_credito_evento_sin_cambios; DROP TRIGGER nota_credito_evento_sin_borrado;");

    /// <summary>The parent id as the engine stores it, for SQL written by hand.</summary>
    private static string Id(CarteroAppFactory app, Guid id) => app.IsPostgres ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'";

    private static async Task AssertTamperedAsync(CarteroAppFactory app, string table)
    {
        var report = await VerifyAsync(app);
        Assert.False(report.Valid);
        var broken = report.Tables.Single(t => t.Table == table);
        Assert.False(broken.Valid, $"{table} debía aparecer alterada");
        Assert.False(string.IsNullOrWhiteSpace(broken.Problem));
        Assert.All(report.Tables.Where(t => t.Table != table && t.Table != "puntos_de_control"), t => Assert.True(t.Valid, $"{t.Table}: {t.Problem}"));

        var (exit, _, error) = await VerbAsync(app, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains($"{table}: ALTERADO", error);
    }

    [Fact]
    public async Task An_untouched_database_verifies_through_the_verb_and_the_api()
    {
        var app = await PopulatedAppAsync();

        var (exit, output, error) = await VerbAsync(app, "audit", "verify");
        Assert.True(exit == 0, error);
        Assert.Contains("log_auditoria: íntegro, 6 filas verificadas", output);
        Assert.Contains($"factura_evento: íntegro, {Invoices * 3} filas verificadas", output);
        Assert.Contains($"log_envio_correo_evento: íntegro, {Emails * 3} filas verificadas", output);
        Assert.Contains($"nota_credito_evento: íntegro, {CreditNotes * 3} filas verificadas", output);
        Assert.Contains("Comparado con el punto de control", output);

        var admin = await app.CreateApiClientAsync(admin: true);
        var json = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit/verify", Ct);
        Assert.True((bool)json!["valid"]!);
        Assert.Equal(["log_auditoria", "factura_evento", "log_envio_correo_evento", "nota_credito_evento"], json["tables"]!.AsArray().Select(t => (string)t!["table"]!));

        // Every event carries its position and the key that signed it; the parent keeps the head.
        var email = await app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).FirstAsync(Ct));
        Assert.Equal(3, email.EventCount);
        Assert.Equal([1, 2, 3], email.Events.OrderBy(e => e.Id).Select(e => e.Sequence ?? 0));
        Assert.Equal(email.Events.MaxBy(e => e.Id)!.Hash, email.EventsHead);
    }

    [Theory]
    [InlineData("editar")]
    [InlineData("borrar")]
    [InlineData("truncar")]
    [InlineData("borrar-y-renumerar")]
    [InlineData("recalcular-sin-clave")]
    [InlineData("recalcular-con-otra-clave")]
    public async Task Audit_trail_tampering_is_detected(string tampering)
    {
        var app = await PopulatedAppAsync();
        await DropTriggersAsync(app);
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct));
        switch (tampering)
        {
            case "editar":
                await ExecAsync(app, "UPDATE log_auditoria SET actor = 'otro@optica.ec' WHERE id = 3");
                break;
            case "borrar":
                await ExecAsync(app, "DELETE FROM log_auditoria WHERE id = 3");
                break;
            case "truncar":
                await ExecAsync(app, "DELETE FROM log_auditoria WHERE id > 4");
                break;
            case "borrar-y-renumerar":
                await ExecAsync(app, "DELETE FROM log_auditoria WHERE id = 3");
                foreach (var row in rows.Where(r => r.Id > 3))
                {
                    await ExecAsync(app, $"UPDATE log_auditoria SET id = {row.Id - 1} WHERE id = {row.Id}");
                }

                await ExecAsync(app, $"UPDATE log_auditoria SET hash_anterior = '{rows[1].Hash}' WHERE id = 3");
                break;
            case "recalcular-sin-clave":
                // The old unkeyed SHA-256 over the whole trail, with a changed row: what passed verification before.
                await RewriteAuditAsync(app, rows, (row, previous) =>
                {
                    row.KeyId = null;
                    row.PreviousHash = previous;
                    return AuditTrail.LegacyHashOf(row);
                });
                break;
            default:
                var wrong = RandomNumberGenerator.GetBytes(32);
                await RewriteAuditAsync(app, rows, (row, previous) =>
                {
                    row.PreviousHash = previous;
                    return AuditTrail.MacOf(wrong, row);
                });
                break;
        }

        await AssertTamperedAsync(app, "log_auditoria");
    }

    private static async Task RewriteAuditAsync(CarteroAppFactory app, List<AuditEntry> rows, Func<AuditEntry, string, string> hash)
    {
        var previous = AuditTrail.Genesis;
        foreach (var row in rows)
        {
            if (row.Id == 3)
            {
                row.Actor = "otro@optica.ec";
            }

            row.Hash = hash(row, previous);
            await ExecAsync(app, "UPDATE log_auditoria SET actor = @a, clave_id = @k, hash_anterior = @p, hash = @h WHERE id = @id",
                ("@a", row.Actor), ("@k", row.KeyId), ("@p", row.PreviousHash), ("@h", row.Hash), ("@id", row.Id));
            previous = row.Hash;
        }
    }

    public static TheoryData<string, string> EventTampering()
    {
        var data = new TheoryData<string, string>();
        foreach (var table in new[] { "factura_evento", "log_envio_correo_evento" })
        {
            foreach (var kind in new[] { "editar", "borrar", "truncar", "borrar-padre", "borrar-y-renumerar", "recalcular-sin-clave", "recalcular-con-otra-clave" })
            {
                data.Add(table, kind);
            }
        }

        // Deleting a whole nota de crédito, or its last events with the head set back, is caught by the checkpoint, which counts the notes too.
        foreach (var kind in new[] { "editar", "editar-un-byte", "borrar", "truncar", "borrar-padre", "borrar-y-renumerar", "recalcular-sin-clave", "recalcular-con-otra-clave" })
        {
            data.Add("nota_credito_evento", kind);
        }

        data.Add("factura_evento", "editar-un-byte");
        data.Add("log_envio_correo_evento", "editar-un-byte");

        return data;
    }

    [Theory]
    [MemberData(nameof(EventTampering))]
    public async Task Event_history_tampering_is_detected(string table, string tampering)
    {
        var app = await PopulatedAppAsync();
        await DropTriggersAsync(app);
        var invoices = table == "factura_evento";
        var notes = table == "nota_credito_evento";
        var parentTable = invoices ? "factura" : notes ? "nota_credito" : "log_envio_correo";
        var fk = invoices ? "id_factura" : notes ? "id_nota_credito" : "id_correo";
        var parent = invoices
            ? await app.WithDbAsync(db => db.Invoices.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(Ct))
            : notes
                ? await app.WithDbAsync(db => db.CreditNotes.OrderBy(n => n.Id).Select(n => n.Id).FirstAsync(Ct))
                : await app.WithDbAsync(db => db.Emails.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(Ct));
        var events = invoices
            ? await app.WithDbAsync(db => db.InvoiceEvents.AsNoTracking().Where(e => e.InvoiceId == parent).OrderBy(e => e.Id).Select(e => new { e.Id, e.Hash, Detail = (string?)e.Detail }).ToListAsync(Ct))
            : notes
                ? await app.WithDbAsync(db => db.CreditNoteEvents.AsNoTracking().Where(e => e.CreditNoteId == parent).OrderBy(e => e.Id).Select(e => new { e.Id, e.Hash, Detail = (string?)e.Detail }).ToListAsync(Ct))
                : await app.WithDbAsync(db => db.EmailEvents.AsNoTracking().Where(e => e.EmailId == parent).OrderBy(e => e.Id).Select(e => new { e.Id, e.Hash, Detail = (string?)e.Detail }).ToListAsync(Ct));
        Assert.Equal(3, events.Count);
        var pid = Id(app, parent);

        switch (tampering)
        {
            case "editar":
                await ExecAsync(app, $"UPDATE {table} SET detalle = 'Otro detalle' WHERE id = {events[1].Id}");
                break;
            case "editar-un-byte":
                // One ASCII letter of the stored text changed, same length: "Firmada" becomes "Firmade".
                var detail = events[1].Detail!;
                var at = detail.Length - 1;
                var changed = string.Concat(detail.AsSpan(0, at), detail[at] == 'e' ? "a" : "e");
                Assert.Equal(Encoding.UTF8.GetByteCount(detail), Encoding.UTF8.GetByteCount(changed));
                await ExecAsync(app, $"UPDATE {table} SET detalle = @d WHERE id = {events[1].Id}", ("@d", changed));
                break;
            case "borrar":
                await ExecAsync(app, $"DELETE FROM {table} WHERE id = {events[1].Id}");
                break;
            case "truncar":
                // The last event goes, and the parent's count and head are set back to match: only the checkpoint knows.
                await ExecAsync(app, $"DELETE FROM {table} WHERE id = {events[2].Id}");
                await ExecAsync(app, $"UPDATE {parentTable} SET eventos_cantidad = 2, eventos_hash = '{events[1].Hash}' WHERE id = {pid}");
                break;
            case "borrar-padre":
                await ExecAsync(app, $"DELETE FROM {table} WHERE {fk} = {pid}");
                if (notes)
                {
                    await ExecAsync(app, $"DELETE FROM nota_credito_linea WHERE id_nota_credito = {pid}");
                }
                else if (!invoices)
                {
                    await ExecAsync(app, $"DELETE FROM log_envio_correo_contenido WHERE id_correo = {pid}");
                }

                await ExecAsync(app, $"DELETE FROM {parentTable} WHERE id = {pid}");
                break;
            case "borrar-y-renumerar":
                await ExecAsync(app, $"DELETE FROM {table} WHERE id = {events[1].Id}");
                await ExecAsync(app, $"UPDATE {table} SET numero = 2 WHERE id = {events[2].Id}");
                await ExecAsync(app, $"UPDATE {parentTable} SET eventos_cantidad = 2 WHERE id = {pid}");
                break;
            case "recalcular-sin-clave":
                // Passed off as history from before the chain had a key.
                await ExecAsync(app, $"UPDATE {table} SET detalle = 'Otro detalle', hash = NULL, clave_id = NULL, numero = NULL WHERE {fk} = {pid}");
                await ExecAsync(app, $"UPDATE {parentTable} SET eventos_cantidad = 0, eventos_hash = NULL WHERE id = {pid}");
                break;
            default:
                await RehashWithWrongKeyAsync(app, invoices ? "factura" : notes ? "nota" : "correo", parent, table, parentTable);
                break;
        }

        await AssertTamperedAsync(app, table);
    }

    private static async Task RehashWithWrongKeyAsync(CarteroAppFactory app, string kind, Guid parent, string table, string parentTable)
    {
        var wrong = RandomNumberGenerator.GetBytes(32);
        var previous = ChainMac.Genesis;
        if (kind == "nota")
        {
            foreach (var e in await app.WithDbAsync(db => db.CreditNoteEvents.AsNoTracking().Where(e => e.CreditNoteId == parent).OrderBy(e => e.Id).ToListAsync(Ct)))
            {
                e.Detail = "Otro detalle";
                previous = Cartero.Features.Invoicing.CreditNotes.CreditNoteEventChain.Compute(wrong, e, previous);
                await ExecAsync(app, $"UPDATE {table} SET detalle = @d, hash = @h WHERE id = @id", ("@d", e.Detail), ("@h", previous), ("@id", e.Id));
            }
        }
        else if (kind == "factura")
        {
            foreach (var e in await app.WithDbAsync(db => db.InvoiceEvents.AsNoTracking().Where(e => e.InvoiceId == parent).OrderBy(e => e.Id).ToListAsync(Ct)))
            {
                e.Detail = "Otro detalle";
                previous = InvoiceEventChain.Compute(wrong, e, previous);
                await ExecAsync(app, $"UPDATE {table} SET detalle = @d, hash = @h WHERE id = @id", ("@d", e.Detail), ("@h", previous), ("@id", e.Id));
            }
        }
        else
        {
            foreach (var e in await app.WithDbAsync(db => db.EmailEvents.AsNoTracking().Where(e => e.EmailId == parent).OrderBy(e => e.Id).ToListAsync(Ct)))
            {
                e.Detail = "Otro detalle";
                previous = EmailEventChain.Compute(wrong, e, previous);
                await ExecAsync(app, $"UPDATE {table} SET detalle = @d, hash = @h WHERE id = @id", ("@d", e.Detail), ("@h", previous), ("@id", e.Id));
            }
        }

        await ExecAsync(app, $"UPDATE {parentTable} SET eventos_hash = @h WHERE id = {Id(app, parent)}", ("@h", previous));
    }

    [Fact]
    public async Task Two_writers_that_read_the_same_head_do_not_fork_an_emails_chain()
    {
        var app = await NewAppAsync();
        var id = await EnqueueAsync(await app.CreateApiClientAsync(), "ana@correo.ec");
        var machine = app.Services.GetRequiredService<EmailStateMachine>();
        var writer = app.Services.GetRequiredService<EmailTransitionWriter>();

        async Task<int> SaveAsync(EmailLogEntry entry)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Cartero.Platform.Data.CarteroDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var written = await writer.SaveAsync(db, [entry], Ct);
            await tx.CommitAsync(Ct);
            return written;
        }

        Task<EmailLogEntry> ReadAsync() => app.WithDbAsync(async db =>
        {
            var entry = await db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct);
            EmailTransitionWriter.Remember(db, [entry]);
            return entry;
        });

        var claimed = await ReadAsync();
        machine.Transition(claimed, EmailStatus.Enviando, new TransitionDetail("Reservado por a", Actor: "a"));
        Assert.Equal(1, await SaveAsync(claimed));

        // Two workers take over the same expired lease from the same read: the state guard alone lets both through.
        var first = await ReadAsync();
        var second = await ReadAsync();
        machine.Transition(first, EmailStatus.Enviando, new TransitionDetail("Tomado por b", Actor: "b"));
        machine.Transition(second, EmailStatus.Enviando, new TransitionDetail("Tomado por c", Actor: "c"));
        Assert.Equal(1, await SaveAsync(first));
        Assert.Equal(0, await SaveAsync(second));

        var report = await VerifyAsync(app);
        Assert.True(report.Valid, string.Join(" | ", report.Tables.Select(t => $"{t.Table}: {t.Problem}")));
        var actors = await app.WithDbAsync(db => db.EmailEvents.Where(e => e.EmailId == id).OrderBy(e => e.Id).Select(e => e.Actor).ToListAsync(Ct));
        Assert.Equal(3, actors.Count);
        Assert.Equal("b", actors[^1]);
    }

    [Fact]
    public async Task Two_processes_that_read_the_same_invoice_do_not_fork_its_chain()
    {
        var app = await NewAppAsync();
        await CreateInvoicesAsync(app, 1);
        var machine = app.Services.GetRequiredService<InvoiceStateMachine>();
        await using var one = app.Services.CreateAsyncScope();
        await using var two = app.Services.CreateAsyncScope();
        var dbOne = one.ServiceProvider.GetRequiredService<Cartero.Platform.Data.CarteroDbContext>();
        var dbTwo = two.ServiceProvider.GetRequiredService<Cartero.Platform.Data.CarteroDbContext>();
        var first = await dbOne.Invoices.SingleAsync(Ct);
        var second = await dbTwo.Invoices.SingleAsync(Ct);

        machine.Note(first, "Respuesta del SRI (primer proceso)", "a");
        machine.Note(second, "Respuesta del SRI (segundo proceso)", "b");
        await dbOne.SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbTwo.SaveChangesAsync(Ct));

        var report = await VerifyAsync(app);
        Assert.True(report.Valid, string.Join(" | ", report.Tables.Select(t => $"{t.Table}: {t.Problem}")));
        Assert.Equal(4, report.Tables.Single(t => t.Table == "factura_evento").RowsChecked);
    }

    [Fact]
    public async Task A_deletion_seen_by_the_next_checkpoint_stays_on_record()
    {
        var app = await PopulatedAppAsync();
        await DropTriggersAsync(app);
        var email = await app.WithDbAsync(db => db.Emails.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(Ct));
        await ExecAsync(app, $"DELETE FROM log_envio_correo_evento WHERE id_correo = {Id(app, email)}");
        await ExecAsync(app, $"DELETE FROM log_envio_correo_contenido WHERE id_correo = {Id(app, email)}");
        await ExecAsync(app, $"DELETE FROM log_envio_correo WHERE id = {Id(app, email)}");
        await ExecAsync(app, "DELETE FROM log_auditoria WHERE id > 5");

        // The periodic checkpoint after the deletion counts what is left, and says that it shrank.
        var checkpoint = await WriteCheckpointAsync(app);
        Assert.Contains("log_envio_correo tenía 4 filas", checkpoint.Shrunk);
        Assert.Contains("log_auditoria tenía 6 filas y ahora 5", checkpoint.Shrunk);

        var report = await VerifyAsync(app);
        Assert.False(report.Valid);
        Assert.Contains("log_envio_correo tenía 4 filas", report.Tables.Single(t => t.Table == "puntos_de_control").Problem);
        Assert.Contains("Faltan filas al final", report.Tables.Single(t => t.Table == "log_auditoria").Problem);
    }

    [Fact]
    public async Task Chains_still_verify_after_keys_rotate_and_rows_name_both_keys()
    {
        var app = await PopulatedAppAsync();
        var before = await app.WithDbAsync(db => db.AuditEntries.Select(a => a.KeyId).FirstAsync(Ct));

        var (exit, _, error) = await VerbAsync(app, "keys", "rotate");
        Assert.True(exit == 0, error);
        await RecordAuditAsync(app, 2);
        await CreateInvoicesAsync(app, 1);
        var client = await app.CreateApiClientAsync();
        var id = await EnqueueAsync(client, "despues@correo.ec");
        await Eventually.WaitForAsync(() => app.WithDbAsync(db => db.Emails.Where(e => e.Id == id).Select(e => e.Status).SingleAsync(Ct)),
            s => s == EmailStatus.Enviado, "el correo enviado con la clave nueva");
        await WriteCheckpointAsync(app);

        var report = await VerifyAsync(app);
        Assert.True(report.Valid, string.Join(" | ", report.Tables.Select(t => $"{t.Table}: {t.Problem}")));
        var keys = await app.WithDbAsync(db => db.AuditEntries.Select(a => a.KeyId).Distinct().ToListAsync(Ct));
        Assert.Equal(2, keys.Count);
        Assert.Contains(before, keys);
        var eventKeys = await app.WithDbAsync(db => db.EmailEvents.Select(e => e.KeyId).Distinct().CountAsync(Ct));
        Assert.Equal(2, eventKeys);
    }

    /// <summary>Removes a test folder; a log line still being flushed by a stopped host may keep it busy, and the OS cleans temp.</summary>
    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_checkpoint_is_written_on_shutdown_owner_only()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cartero-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var app = await PopulatedAppAsync(folder, new Dictionary<string, string?> { ["Logging:LogLevel:Cartero.Features.Audit"] = "Information" });
            var file = Path.Combine(folder, "auditoria", "puntos-de-control.jsonl");
            var linesBefore = File.ReadAllLines(file).Length;
            await RecordAuditAsync(app, 3);
            var rows = await app.WithDbAsync(db => db.AuditEntries.CountAsync(Ct));
            await app.DisposeAsync();

            var lines = File.ReadAllLines(file);
            Assert.True(lines.Length > linesBefore);
            var last = JsonSerializer.Deserialize<JsonObject>(lines[^1])!;
            Assert.Equal(rows, (int)last["auditRows"]!);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Contains("Punto de control de las cadenas", File.ReadAllText(app.LogFile));
        }
        finally
        {
            TryDelete(folder);
        }
    }

    [Fact]
    public async Task The_checkpoint_file_can_live_elsewhere_and_an_edited_line_is_reported()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "cartero-tests", Guid.NewGuid().ToString("N"), "anclas.jsonl");
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Audit:CheckpointFile"] = elsewhere });
        await RecordAuditAsync(app, 3);
        await WriteCheckpointAsync(app);
        Assert.True((await VerifyAsync(app)).Valid);

        // The start-up checkpoint may land before or after the one written here: edit the one that saw the 3 rows.
        var text = File.ReadAllText(elsewhere);
        Assert.Contains("\"auditRows\":3", text);
        File.WriteAllText(elsewhere, text.Replace("\"auditRows\":3", "\"auditRows\":2", StringComparison.Ordinal));

        var report = await VerifyAsync(app);
        Assert.False(report.Valid);
        Assert.Contains("dañadas o alteradas", report.Tables.Single(t => t.Table == "puntos_de_control").Problem);
        TryDelete(Path.GetDirectoryName(elsewhere)!);
    }

    [Fact]
    public async Task Rows_from_before_the_keyed_chain_are_sealed_once_and_stay_checked()
    {
        // A database as the previous version left it: unkeyed audit rows and events without a hash, no checkpoint yet.
        var checkpoints = Path.Combine(Path.GetTempPath(), "cartero-tests", Guid.NewGuid().ToString("N"), "p.jsonl");
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Audit:CheckpointFile"] = checkpoints });
        _ = app.Services;
        await Eventually.WaitForAsync(() => Task.FromResult(File.Exists(checkpoints)), e => e, "el punto de control del arranque");
        var previous = AuditTrail.Genesis;
        for (var id = 1; id <= 3; id++)
        {
            var row = new AuditEntry { Id = id, OccurredAt = new DateTime(2026, 11, 20, 10, 0, id, DateTimeKind.Utc), Actor = "admin@optica.ec", Action = "antigua_" + id, PreviousHash = previous, Hash = "" };
            row.Hash = AuditTrail.LegacyHashOf(row);
            await app.WithDbAsync(db =>
            {
                db.AuditEntries.Add(row);
                return db.SaveChangesAsync(Ct);
            });
            previous = row.Hash;
        }

        // The previous version wrote no checkpoints (this app's start-up one saw an empty database).
        File.Delete(checkpoints);

        var (exit, output, error) = await VerbAsync(app, "audit", "verify");
        Assert.True(exit == 0, error);
        Assert.Contains("log_auditoria: íntegro, 4 filas verificadas", output);
        var seal = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == ChainSeal.Action, Ct));
        Assert.Equal(4, seal.Id);
        Assert.Equal(3, ChainSeal.Parse(seal.Details)!.AuditRows);
        await RecordAuditAsync(app, 1);
        await WriteCheckpointAsync(app);
        Assert.True((await VerifyAsync(app)).Valid);

        // An old row rewritten with the old unkeyed hash, the rest of the old prefix recomputed: the seal no longer links.
        await DropTriggersAsync(app);
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.KeyId == null).OrderBy(a => a.Id).ToListAsync(Ct));
        previous = AuditTrail.Genesis;
        foreach (var row in rows)
        {
            row.Actor = row.Id == 2 ? "otro@optica.ec" : row.Actor;
            row.PreviousHash = previous;
            row.Hash = AuditTrail.LegacyHashOf(row);
            await ExecAsync(app, "UPDATE log_auditoria SET actor = @a, hash_anterior = @p, hash = @h WHERE id = @id", ("@a", row.Actor), ("@p", row.PreviousHash), ("@h", row.Hash), ("@id", row.Id));
            previous = row.Hash;
        }

        var report = await VerifyAsync(app);
        Assert.False(report.Valid);
        Assert.Equal(4, report.Tables[0].FirstBrokenId);
        TryDelete(Path.GetDirectoryName(checkpoints)!);
    }
}

public sealed class SqliteTamperEvidenceTests() : TamperEvidenceTests(null);

public sealed class PostgresTamperEvidenceTests(PostgresCluster postgres) : TamperEvidenceTests(postgres);
