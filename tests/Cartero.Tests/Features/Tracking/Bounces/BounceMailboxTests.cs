using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Tracking.Bounces;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Tracking.Bounces;

/// <summary>
/// The bounce mailbox end to end against real parts: Cartero sends through a real Postfix, the receiving server
/// refuses after Postfix accepted, Postfix writes its own DSN into the Maildir a real Dovecot serves, and the job
/// reads it over IMAP. Stored samples cover the shapes one Postfix cannot produce. On both engines.
/// </summary>
public abstract class BounceMailboxTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private const string Mailbox = "rebotes";
    private const string ReturnPath = "rebotes@" + PostfixServer.BounceDomain;
    private static readonly string[] Processed = [BounceFolders.Root, BounceFolders.Processed];
    private static readonly string[] Unmatched = [BounceFolders.Root, BounceFolders.Unmatched];

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
        // The tests run each pass themselves; the background pass only runs at start (nothing configured yet).
        ["Cartero:Bounces:Interval"] = "01:00:00",
    };

    private static JsonObject MailSettings(int smtpPort, DovecotServer imap, string password = DovecotServer.Password, int version = 0) => new()
    {
        ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = smtpPort, ["security"] = "none",
        ["fromAddress"] = "notificaciones@optica.ec", ["fromName"] = "Óptica Visión", ["version"] = version,
        ["bounceMailbox"] = new JsonObject
        {
            ["enabled"] = true, ["host"] = imap.Host, ["port"] = imap.Port, ["security"] = "none",
            ["username"] = Mailbox, ["password"] = password, ["folder"] = "INBOX", ["returnPath"] = ReturnPath,
        },
    };

    private async Task<(CarteroAppFactory App, HttpClient Admin)> AppAsync(int smtpPort, DovecotServer imap)
    {
        var app = await NewAppAsync(Settings);
        var admin = await app.CreateApiClientAsync(admin: true);
        var saved = await admin.PutAsJsonAsync("/api/v1/settings/mail", MailSettings(smtpPort, imap), Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return (app, admin);
    }

    private static async Task<Guid> SendAsync(HttpClient client, string to)
    {
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "comprobante",
            ["to"] = new JsonObject { ["address"] = to, ["kind"] = "cliente" },
            ["entity"] = new JsonObject { ["type"] = "venta", ["id"] = "V-1" },
            ["subject"] = "Su comprobante de venta",
            ["text"] = "Adjuntamos su comprobante.",
        }, Ct);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
    }

    private static Task<EmailLogEntry> RowAsync(CarteroAppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).SingleAsync(e => e.Id == id, Ct));

    private static Task<EmailLogEntry> WaitForStatusAsync(CarteroAppFactory app, Guid id, EmailStatus status) =>
        Eventually.WaitForAsync(() => RowAsync(app, id), e => e.Status == status, $"el correo {id} llega a {status}");

    private static Task<BounceRunResult> RunAsync(CarteroAppFactory app) =>
        app.Services.GetRequiredService<BounceMailboxReader>().RunOnceAsync(Ct);

    /// <summary>A stored sample rewritten to be about <paramref name="id"/> (its Message-Id and X-Cartero-Id).</summary>
    private static byte[] SampleAbout(string file, string sampleId, Guid id)
    {
        var text = File.ReadAllText(BounceParserTests.SamplePath(file));
        var dashed = Guid.ParseExact(sampleId, "N").ToString();
        return Encoding.UTF8.GetBytes(text.Replace(sampleId, id.ToString("N"), StringComparison.Ordinal).Replace(dashed, id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_real_postfix_dsn_fetched_from_dovecot_ends_as_rebotado_on_the_right_row_with_the_diagnostic()
    {
        await using var receiver = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var imap = await DovecotServer.StartAsync(Ct);
        await using var postfix = await PostfixServer.StartAsync(receiver.Port, imap.MailRoot, Mailbox, Ct);
        var (app, admin) = await AppAsync(postfix.Port, imap);

        var bounced = await SendAsync(admin, $"rechazo550-ana@{PostfixServer.RelayDomain}");
        var delivered = await SendAsync(admin, $"luis@{PostfixServer.RelayDomain}");
        await WaitForStatusAsync(app, bounced, EmailStatus.Enviado);
        await WaitForStatusAsync(app, delivered, EmailStatus.Enviado);

        // Postfix accepted both; the receiving server refused one afterwards, and Postfix mailed its DSN to rebotes+<id>@.
        await Eventually.WaitForAsync(() => imap.SubjectsAsync(Mailbox, ["INBOX"], Ct), s => s!.Count == 1, "el DSN de Postfix llega al buzón: " + postfix.Log());
        var run = await RunAsync(app);

        Assert.Equal(new BounceRunResult(true, 1, 1, 0, 0, 0, 0, null), run);
        var row = await RowAsync(app, bounced);
        Assert.Equal(EmailStatus.Rebotado, row.Status);
        var bounceEvent = Assert.Single(row.Events, e => e.Status == EmailStatus.Rebotado);
        Assert.Contains("550 5.1.1 <rechazo550-ana@destino.test>: Recipient address rejected", bounceEvent.Detail);
        Assert.Contains("127.0.0.1", bounceEvent.Detail);
        Assert.Equal(EmailStatus.Enviado, (await RowAsync(app, delivered)).Status);

        Assert.Empty((await imap.SubjectsAsync(Mailbox, ["INBOX"], Ct))!);
        Assert.Equal(["Undelivered Mail Returned to Sender"], await imap.SubjectsAsync(Mailbox, Processed, Ct));
        Assert.Empty((await imap.SubjectsAsync(Mailbox, Unmatched, Ct))!);

        // Read again: nothing left to read, nothing changes.
        Assert.Equal(new BounceRunResult(true, 0, 0, 0, 0, 0, 0, null), await RunAsync(app));
        Assert.Single((await RowAsync(app, bounced)).Events, e => e.Status == EmailStatus.Rebotado);
    }

    [Fact]
    public async Task A_soft_bounce_and_an_auto_reply_are_recorded_and_leave_the_state_alone()
    {
        await using var receiver = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var imap = await DovecotServer.StartAsync(Ct);
        var (app, admin) = await AppAsync(receiver.Port, imap);
        var id = await SendAsync(admin, "maria.lopez@clinica-norte.ec");
        await WaitForStatusAsync(app, id, EmailStatus.Enviado);
        var before = (await RowAsync(app, id)).Events.Count;

        await imap.DeliverRawAsync(Mailbox, SampleAbout("postfix-delayed-451.eml", "01938c2e5f4a7b6c8d9e0f1a2b3c4d5e", id), Ct);
        await imap.DeliverRawAsync(Mailbox, SampleAbout("autoreply-rfc3834.eml", "01938c2e5f4a7b6c8d9e0f1a2b3c4d07", id), Ct);
        var run = await RunAsync(app);

        Assert.Equal(new BounceRunResult(true, 2, 0, 1, 1, 0, 0, null), run);
        var row = await RowAsync(app, id);
        Assert.Equal(EmailStatus.Enviado, row.Status);
        Assert.Equal(before + 2, row.Events.Count);
        Assert.Contains(row.Events, e => e.Detail?.Contains("451 4.7.1 Greylisting", StringComparison.Ordinal) == true);
        Assert.Equal(2, (await imap.SubjectsAsync(Mailbox, Processed, Ct))!.Count);
    }

    [Fact]
    public async Task Malformed_and_unmatched_messages_go_to_sin_coincidencia_and_do_not_stop_the_pass()
    {
        await using var receiver = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var imap = await DovecotServer.StartAsync(Ct);
        var (app, admin) = await AppAsync(receiver.Port, imap);
        var id = await SendAsync(admin, "gerencia@laboratorio-vision.ec");
        await WaitForStatusAsync(app, id, EmailStatus.Enviado);

        await imap.DeliverRawAsync(Mailbox, "\u0000\u0001 esto no es un correo\r\n--\r\nContent-Type: multipart/report; boundary=\r\n\r\n\u00ff\u00fe"u8.ToArray(), Ct);
        await imap.DeliverRawAsync(Mailbox, File.ReadAllBytes(BounceParserTests.SamplePath("foreign-dsn-hard.eml")), Ct);
        await imap.DeliverRawAsync(Mailbox, File.ReadAllBytes(BounceParserTests.SamplePath("unrelated-human.eml")), Ct);
        // A report about an id that is Cartero-shaped but not in the log.
        await imap.DeliverRawAsync(Mailbox, SampleAbout("qmail-hard.eml", "01938c2e5f4a7b6c8d9e0f1a2b3c4d03", Guid.CreateVersion7()), Ct);
        await imap.DeliverRawAsync(Mailbox, SampleAbout("exim-hard.eml", "01938c2e5f4a7b6c8d9e0f1a2b3c4d04", id), Ct);
        var run = await RunAsync(app);

        Assert.True(run.Error is null, run.Error);
        Assert.Equal(new BounceRunResult(true, 5, 1, 0, 0, 4, 0, null), run);
        Assert.Equal(EmailStatus.Rebotado, (await RowAsync(app, id)).Status);
        Assert.Empty((await imap.SubjectsAsync(Mailbox, ["INBOX"], Ct))!);
        Assert.Equal(4, (await imap.SubjectsAsync(Mailbox, Unmatched, Ct))!.Count);
        Assert.Equal(["Mail delivery failed: returning message to sender"], await imap.SubjectsAsync(Mailbox, Processed, Ct));
    }

    [Fact]
    public async Task A_refused_login_is_shown_on_the_settings_page_in_spanish_without_the_password()
    {
        await using var receiver = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var imap = await DovecotServer.StartAsync(Ct);
        var app = await NewAppAsync(Settings);
        var admin = await app.CreateApiClientAsync(admin: true);
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", MailSettings(receiver.Port, imap, password: "Clave-Equivocada-77"), Ct)).EnsureSuccessStatusCode();

        var run = await RunAsync(app);

        Assert.True(run.Ran);
        Assert.Contains("rechazó el usuario o la contraseña del buzón de rebotes", run.Error);
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var page = await soporte.GetStringAsync("/configuracion/correo");
        Assert.Contains("con error", page);
        Assert.Contains("rechazó el usuario o la contraseña del buzón de rebotes", page);
        Assert.Contains("<dd id=\"estado-contrasena-rebotes\">configurada</dd>", page);
        Assert.DoesNotContain("Clave-Equivocada-77", page);
        Assert.DoesNotContain("Clave-Equivocada-77", await File.ReadAllTextAsync(app.LogFile, Ct));
    }
}

public sealed class SqliteBounceMailboxTests() : BounceMailboxTests(null);

public sealed class PostgresBounceMailboxTests(PostgresCluster postgres) : BounceMailboxTests(postgres)
{
    [Fact]
    public async Task While_another_instance_reads_the_mailbox_this_one_skips_its_pass_and_moves_nothing()
    {
        await using var receiver = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var imap = await DovecotServer.StartAsync(Ct);
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Bounces:Interval"] = "01:00:00" });
        var admin = await app.CreateApiClientAsync(admin: true);
        var settings = new JsonObject
        {
            ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = receiver.Port, ["security"] = "none", ["fromAddress"] = "notificaciones@optica.ec",
            ["bounceMailbox"] = new JsonObject { ["enabled"] = true, ["host"] = imap.Host, ["port"] = imap.Port, ["security"] = "none", ["username"] = "rebotes", ["password"] = DovecotServer.Password },
        };
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", settings, Ct)).EnsureSuccessStatusCode();
        await imap.DeliverRawAsync("rebotes", File.ReadAllBytes(BounceParserTests.SamplePath("unrelated-human.eml")), Ct);
        var reader = app.Services.GetRequiredService<BounceMailboxReader>();

        // The other instance: a session holding the same advisory lock on the same database (unpooled, so closing ends it).
        await using (var other = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(app.PostgresConnectionString) { Pooling = false }.ConnectionString))
        {
            await other.OpenAsync(Ct);
            await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({BounceMailboxReader.MailboxLock})", other))
            {
                await take.ExecuteScalarAsync(Ct);
            }

            var skipped = await reader.RunOnceAsync(Ct);

            Assert.False(skipped.Ran);
            Assert.Equal("Otra instancia está leyendo el buzón de rebotes.", skipped.Error);
            Assert.Single((await imap.SubjectsAsync("rebotes", ["INBOX"], Ct))!);
        }

        // Its session ended, so the lock is free again.
        var run = await reader.RunOnceAsync(Ct);
        Assert.Equal(new BounceRunResult(true, 1, 0, 0, 0, 1, 0, null), run);
        Assert.Equal(["Consulta sobre mis lentes"], await imap.SubjectsAsync("rebotes", ["Cartero", "SinCoincidencia"], Ct));
    }
}
