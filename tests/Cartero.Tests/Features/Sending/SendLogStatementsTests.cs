using System.Data.Common;
using System.Globalization;
using Cartero.Features.Audit;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Data;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cartero.Tests.Features.Sending;

/// <summary>
/// The hot path's statements (<see cref="SendLogStatements"/>) against EF Core itself: the same transitions written once
/// through change tracking and once through <see cref="EmailLogInserter"/> and <see cref="EmailTransitionWriter"/>, each
/// on a fresh database, must leave the same rows in <c>log_envio_correo</c>, its content and its events, every column
/// read back with plain SQL (the attachments JSON included).
/// </summary>
public abstract class SendLogStatementsTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly Guid First = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000001");
    private static readonly Guid Second = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000002");

    [Fact]
    public async Task The_writer_and_the_inserter_store_what_EF_Core_stores_for_every_transition()
    {
        await using var tracked = await NewAppAsync();
        await using var direct = await NewAppAsync();
        // One key for both databases, so the events' chain hashes can be compared too.
        var keys = tracked.Services.GetRequiredService<ChainKeys>();

        await tracked.WithDbAsync(db => RunAsync(keys, async emails =>
        {
            foreach (var email in emails.Where(e => db.Entry(e).State == EntityState.Detached))
            {
                db.Emails.Add(email);
            }

            await db.SaveChangesAsync(Ct);
        }));

        await direct.WithDbAsync(db =>
        {
            var inserter = direct.Services.GetRequiredService<EmailLogInserter>();
            var writer = direct.Services.GetRequiredService<EmailTransitionWriter>();
            var inserted = new HashSet<Guid>();
            return RunAsync(keys, async emails =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(Ct);
                var added = emails.Where(e => inserted.Add(e.Id)).ToList();
                if (added.Count > 0)
                {
                    await inserter.InsertAsync(db, added, Ct);
                    foreach (var email in added)
                    {
                        email.Events.Clear();
                    }

                    EmailTransitionWriter.Remember(db, added);
                }

                var changed = emails.Except(added).ToList();
                if (changed.Count > 0)
                {
                    Assert.Equal(changed.Count, await writer.SaveAsync(db, changed, Ct));
                    Assert.All(changed, e => Assert.Empty(e.Events));
                }

                await tx.CommitAsync(Ct);
            });
        });

        var expected = await tracked.WithDbAsync(ReadAllAsync);
        var actual = await direct.WithDbAsync(ReadAllAsync);
        Assert.Equal(2, expected[nameof(EmailLogEntry)].Count);
        Assert.Contains(expected[nameof(EmailLogEntry)], row => row.Contains("factura-001-001-000000123.xml", StringComparison.Ordinal));
        Assert.True(expected[nameof(EmailLogEvent)].Count >= 16, $"{expected[nameof(EmailLogEvent)].Count} eventos");
        foreach (var table in expected.Keys)
        {
            Assert.Equal(expected[table], actual[table]);
        }
    }

    /// <summary>
    /// The sequence: claim, take-over, partial delivery (pending recipient, recipient events), retry with error and next
    /// attempt, sent with the provider's id and the message hash, handed back to <c>en_cola</c>, failed, an event of a
    /// kind. <paramref name="save"/> is called with the emails each step touched (new ones the first time).
    /// </summary>
    private static async Task<bool> RunAsync(ChainKeys keys, Func<IReadOnlyList<EmailLogEntry>, Task> save)
    {
        var time = new FakeTimeProvider(Start);
        var machine = new EmailStateMachine(time, keys);
        DateTime Now() => time.GetUtcNow().UtcDateTime;

        async Task Step(params EmailLogEntry[] emails)
        {
            foreach (var email in emails)
            {
                await save([email]);
            }

            time.Advance(TimeSpan.FromSeconds(7));
        }

        void Claim(EmailLogEntry e, string owner, string detail)
        {
            machine.Transition(e, EmailStatus.Enviando, new TransitionDetail(detail, Actor: owner));
            e.LeaseOwner = owner;
            e.LeaseExpiresAt = Now().AddMinutes(2);
        }

        void Release(EmailLogEntry e)
        {
            e.LeaseOwner = null;
            e.LeaseExpiresAt = null;
        }

        var a = NewEmail(First, "cliente@correo.ec", "copia@correo.ec", Now());
        a.Attachments =
        [
            new EmailAttachmentInfo { FileName = "factura-001-001-000000123.pdf", ContentType = "application/pdf", Size = 48213, Sha256 = new string('a', 64) },
            new EmailAttachmentInfo { FileName = "factura-001-001-000000123.xml", ContentType = "application/xml", Size = 5120, Sha256 = new string('b', 64) },
        ];
        machine.Start(a, EmailStatus.EnCola, "api:pruebas", "Recibido por la API");
        var b = NewEmail(Second, "otro@correo.ec", null, Now());
        machine.Start(b, EmailStatus.EnCola, "api:pruebas");
        await Step(a, b);

        Claim(a, "nodo-1:1", "Reservado por nodo-1:1 (intento 1)");
        Claim(b, "nodo-1:1", "Reservado por nodo-1:1 (intento 1)");
        await Step(a, b);

        // The first worker died: its lease expired and another took the row over.
        Claim(a, "nodo-2:1", "Tomado por nodo-2:1: venció la reserva de nodo-1:1");
        await Step(a);

        a.Provider = "smtp";
        a.Attempts++;
        a.LastAttemptAt = Now();
        a.PendingRecipients = "copia@correo.ec";
        a.LastError = "Destinatarios no aceptados: copia@correo.ec (451 4.7.1 Intente más tarde)";
        a.NextAttemptAt = Now().AddMinutes(1);
        Release(a);
        machine.Transition(a, EmailStatus.Reintento, new TransitionDetail("Entrega parcial: 250 OK — 1 destinatario(s) diferido(s)", 250, "smtp", 42, "nodo-2:1", new string('c', 64)));
        machine.NoteRecipient(a, "copia@correo.ec", new TransitionDetail("Destinatario copia@correo.ec diferido; se reintenta solo a este destinatario: 451", 451, "smtp", Actor: "nodo-2:1"));
        b.Provider = "smtp";
        b.Attempts++;
        b.LastAttemptAt = Now();
        b.LastError = "421 4.3.2 Servicio no disponible";
        b.NextAttemptAt = Now().AddSeconds(30);
        Release(b);
        machine.Transition(b, EmailStatus.Reintento, new TransitionDetail("421 4.3.2 Servicio no disponible — intento 1 de 5", 421, "smtp", 17, "nodo-1:1"));
        await Step(a, b);

        Claim(a, "nodo-2:1", "Reservado por nodo-2:1 (intento 2)");
        Claim(b, "nodo-2:1", "Reservado por nodo-2:1 (intento 2)");
        await Step(a, b);

        a.Attempts++;
        a.LastAttemptAt = Now();
        a.ProviderMessageId = "a1b2c3d4.filter0001";
        a.PendingRecipients = null;
        a.NextAttemptAt = null;
        Release(a);
        machine.Transition(a, EmailStatus.Enviado, new TransitionDetail("250 2.0.0 Ok: queued", 250, "smtp", 35, "nodo-2:1", new string('d', 64)));
        machine.NoteRecipient(a, "copia@correo.ec", new TransitionDetail("Destinatario copia@correo.ec aceptado en el intento 2", 250, "smtp", Actor: "nodo-2:1"));
        // The circuit of the account opened: the message goes back to the queue without spending an attempt.
        b.LastError = "Cuenta en pausa";
        b.NextAttemptAt = Now();
        Release(b);
        machine.Transition(b, EmailStatus.EnCola, new TransitionDetail("Cola de la cuenta en pausa (no cuenta como intento)", 421, "smtp", Actor: "nodo-2:1"));
        await Step(a, b);

        machine.Note(a, EmailEventKinds.ContentPurged, "Cuerpo y adjuntos depurados por retención", "retencion");
        Claim(b, "nodo-3:2", "Reservado por nodo-3:2 (intento 2)");
        await Step(a, b);

        b.Attempts++;
        b.LastAttemptAt = Now();
        b.LastError = "550 5.1.1 Buzón inexistente";
        b.NextAttemptAt = null;
        Release(b);
        machine.Transition(b, EmailStatus.Fallido, new TransitionDetail("550 5.1.1 Buzón inexistente", 550, "smtp", 12, "nodo-3:2"));
        machine.Transition(a, EmailStatus.Entregado, new TransitionDetail("Informe de entrega: entregado", 250, "smtp", Actor: "dsn"));
        await Step(a, b);
        return true;
    }

    private static EmailLogEntry NewEmail(Guid id, string to, string? cc, DateTime now) => new()
    {
        Id = id,
        RequestedAt = now,
        Type = "factura",
        RecipientKind = "cliente",
        RecipientId = "1712345675",
        ToAddress = to,
        ToName = "Cliente de prueba",
        Cc = cc,
        EntityType = "factura",
        EntityId = "001-001-000000123",
        Origin = EmailOrigin.Api,
        OriginatedBy = "api:pruebas",
        Subject = "Su factura electrónica 001-001-000000123",
        Template = "factura",
        MessageId = $"<{id:N}@cartero.test>",
        NextAttemptAt = now,
        IdempotencyKey = $"clave-{id:N}",
        RequestHash = new string('e', 64),
        Content = new EmailContent { EmailId = id, Html = "<p>Adjuntamos su factura.</p>", Text = "Adjuntamos su factura." },
    };

    /// <summary>Every row of the three tables, every column, as text: SELECT * with the table names from the model.</summary>
    private static async Task<Dictionary<string, List<string>>> ReadAllAsync(CarteroDbContext db)
    {
        var sql = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        var tables = new Dictionary<string, List<string>>();
        foreach (var type in new[] { typeof(EmailLogEntry), typeof(EmailContent), typeof(EmailLogEvent) })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {sql.DelimitIdentifier(db.Model.FindEntityType(type)!.GetTableName()!)}";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            var rows = new List<string>();
            while (await reader.ReadAsync(Ct))
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Text(reader, i)}")));
            }

            rows.Sort(StringComparer.Ordinal);
            tables[type.Name] = rows;
        }

        return tables;
    }

    private static string Text(DbDataReader reader, int i) => reader.IsDBNull(i)
        ? "NULL"
        : reader.GetValue(i) switch
        {
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString() ?? "",
        };
}

public sealed class SqliteSendLogStatementsTests() : SendLogStatementsTests(null);

public sealed class PostgresSendLogStatementsTests(PostgresCluster postgres) : SendLogStatementsTests(postgres);
