using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Tracking;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Tracking;

public abstract class SuppressionTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static readonly Dictionary<string, string?> FastWorker = new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
    };

    private static async Task<Guid> EnqueueAsync(CarteroAppFactory app, string to, string originator = "soporte@optica.ec")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (entry, _) = await scope.ServiceProvider.GetRequiredService<EmailEnqueuer>().EnqueueAsync(new EnqueueEmailRequest
        {
            Type = "comprobante", To = new EmailRecipient(to), Subject = "Comprobante 001-001-000000042", Text = "t",
        }, new RequestActor(originator, null, false), EmailOrigin.Manual, Ct);
        return entry.Id;
    }

    private static Task<EmailLogEntry> RowAsync(CarteroAppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct));

    [Fact]
    public async Task A_bounced_address_blocks_the_next_send_and_removing_it_lets_the_send_go()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(FastWorker);
        await app.ConfigureSmtpAsync(smtp.Port);

        var first = await EnqueueAsync(app, "Rebota@Correo.ec");
        await Eventually.WaitForAsync(() => RowAsync(app, first), e => e.Status == EmailStatus.Enviado, "el primer correo sale");
        await smtp.ClearAsync(Ct);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var bounce = await scope.ServiceProvider.GetRequiredService<DeliveryReportApplier>().ApplyAsync(new DeliveryReport(
                DeliveryReportKind.BouncedHard, DateTime.UtcNow, DeliveryReportSource.Dsn, EmailId: first,
                StatusCode: "5.1.1", ServerText: "550 5.1.1 User unknown"), Ct);
            Assert.True(bounce.Suppressed);
        }

        var second = await EnqueueAsync(app, "rebota@correo.ec");
        var blocked = await Eventually.WaitForAsync(() => RowAsync(app, second), e => e.Status == EmailStatus.Fallido, "el segundo correo queda fallido sin intentarse");
        Assert.Equal("Dirección suprimida: Rebote permanente: 550 5.1.1 User unknown", blocked.LastError);
        Assert.Equal(0, blocked.Attempts);
        Assert.Empty(await smtp.GetMessagesAsync(Ct));

        // The originator is warned in the panel.
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var page = await soporte.GetStringAsync("/correos");
        Assert.Contains("Dirección suprimida: Rebote permanente: 550 5.1.1 User unknown", page);
        Assert.Contains("lista de supresión", page);

        var api = await app.CreateApiClientAsync(admin: true);
        var list = await api.GetFromJsonAsync<JsonArray>("/api/v1/suppressions?q=rebota", Ct);
        Assert.Equal("rebota@correo.ec", list![0]!["address"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/api/v1/suppressions/Rebota%40correo.ec", Ct)).StatusCode);
        var again = await api.DeleteAsync("/api/v1/suppressions/rebota%40correo.ec", Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/v1/emails/{second}/retry", null, Ct)).StatusCode);
        await Eventually.WaitForAsync(() => RowAsync(app, second), e => e.Status == EmailStatus.Enviado, "el correo sale tras quitar la dirección");
        var delivered = Assert.Single(await smtp.GetMessagesAsync(Ct));
        Assert.Equal(["rebota@correo.ec"], delivered.To);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "quitar_supresion").ToListAsync(Ct));
        Assert.Equal("rebota@correo.ec", Assert.Single(audit).Target);
    }

    [Fact]
    public async Task A_suppressed_cc_or_bcc_is_left_out_of_the_envelope_and_the_others_get_the_message()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = await NewAppAsync(FastWorker);
        await app.ConfigureSmtpAsync(smtp.Port);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var list = scope.ServiceProvider.GetRequiredService<SuppressionService>();
            var admin = new RequestActor("admin@optica.ec", null, true);
            foreach (var address in new[] { "copia.suprimida@correo.ec", "oculta.suprimida@correo.ec", "titular.suprimido@correo.ec" })
            {
                Assert.Empty((await list.AddAsync(new SuppressionRequest(address, "Pidió no recibir correos"), admin, Ct)).Errors);
            }
        }

        var sent = await EnqueueWithCopiesAsync(app, "ana@correo.ec");
        var entry = await Eventually.WaitForAsync(() => RowAsync(app, sent), e => e.Status == EmailStatus.Enviado, "el correo sale a los no suprimidos");
        var received = Assert.Single(await smtp.GetMessagesAsync(Ct));
        Assert.Equal(["ana@correo.ec", "copia@correo.ec", "oculta@correo.ec"], received.To.Order(StringComparer.Ordinal));
        var notes = await app.WithDbAsync(db => db.EmailEvents.Where(e => e.EmailId == sent && e.Recipient != null).ToListAsync(Ct));
        Assert.Equal(["copia.suprimida@correo.ec", "oculta.suprimida@correo.ec"], notes.Select(n => n.Recipient!.ToLowerInvariant()).Order(StringComparer.Ordinal));
        Assert.All(notes, n => Assert.Contains("Dirección suprimida: Pidió no recibir correos", n.Detail));
        Assert.Equal(1, entry.Attempts);

        // Nobody left to write to: fallido, nothing sent.
        await smtp.ClearAsync(Ct);
        var blocked = await EnqueueWithCopiesAsync(app, "titular.suprimido@correo.ec");
        var failed = await Eventually.WaitForAsync(() => RowAsync(app, blocked), e => e.Status == EmailStatus.Fallido, "el correo queda fallido");
        Assert.Equal("Dirección suprimida: Pidió no recibir correos", failed.LastError);
        Assert.Empty(await smtp.GetMessagesAsync(Ct));
    }

    private static async Task<Guid> EnqueueWithCopiesAsync(CarteroAppFactory app, string to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (entry, _) = await scope.ServiceProvider.GetRequiredService<EmailEnqueuer>().EnqueueAsync(new EnqueueEmailRequest
        {
            Type = "comprobante", To = new EmailRecipient(to), Subject = "Comprobante 001-001-000000043", Text = "t",
            Cc = [new EmailRecipient("copia@correo.ec"), new EmailRecipient("Copia.Suprimida@correo.ec")],
            Bcc = [new EmailRecipient("oculta@correo.ec"), new EmailRecipient("oculta.suprimida@correo.ec")],
        }, new RequestActor("soporte@optica.ec", null, false), EmailOrigin.Manual, Ct);
        return entry.Id;
    }

    [Fact]
    public async Task People_add_search_and_remove_addresses_with_confirmation_and_bad_input_gets_field_errors()
    {
        var app = await NewAppAsync();
        var api = await app.CreateApiClientAsync(admin: true);
        var bad = await api.PostAsJsonAsync("/api/v1/suppressions", new { address = "no es correo", reason = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!;
        Assert.NotNull(errors["address"]);
        Assert.NotNull(errors["reason"]);

        var created = await api.PostAsJsonAsync("/api/v1/suppressions", new { address = "Baja@Correo.ec", reason = "Pidió no recibir correos" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/v1/suppressions", new { address = "baja@correo.ec", reason = "otra vez" }, Ct)).StatusCode);

        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var page = await soporte.GetStringAsync("/supresiones?q=baja");
        Assert.Contains("baja@correo.ec", page);
        Assert.Contains("Pidió no recibir correos", page);
        var confirm = await soporte.GetStringAsync("/supresiones?quitar=baja%40correo.ec");
        Assert.Contains("¿Quitar <strong>baja@correo.ec</strong>", confirm);
        Assert.Equal(1, await app.WithDbAsync(db => db.Suppressions.CountAsync(Ct)));

        var removed = await soporte.PostFormAsync("/supresiones?quitar=baja%40correo.ec", [], "/supresiones?handler=Quitar&address=baja%40correo.ec");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Suppressions.CountAsync(Ct)));
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.EndsWith("_supresion")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["agregar_supresion", "quitar_supresion"], actions);
    }

    [Fact]
    public async Task A_suppressed_invoice_warns_that_the_comprobante_must_reach_the_buyer_and_offers_to_correct_and_resend()
    {
        var app = await NewAppAsync(FastWorker);
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await app.ConfigureSmtpAsync(smtp.Port);
        var api = await app.CreateApiClientAsync(admin: true);
        (await api.PostAsJsonAsync("/api/v1/suppressions", new { address = "comprador@correo.ec", reason = "Rebote permanente: 550 5.1.1 User unknown" }, Ct)).EnsureSuccessStatusCode();
        var invoiceId = Guid.CreateVersion7();
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (var entry, _) = await scope.ServiceProvider.GetRequiredService<EmailEnqueuer>().EnqueueAsync(new EnqueueEmailRequest
            {
                Type = "factura", To = new EmailRecipient("comprador@correo.ec"), Subject = "Factura 001-002-000000001", Text = "t",
                Entity = new EmailEntityRef("factura", invoiceId.ToString()),
            }, new RequestActor("vendedor@optica.ec", null, false), EmailOrigin.Manual, Ct);
            id = entry.Id;
        }

        var failed = await Eventually.WaitForAsync(() => RowAsync(app, id), e => e.Status == EmailStatus.Fallido, "la factura a una dirección suprimida queda fallida");
        Assert.StartsWith("Dirección suprimida: Rebote permanente", failed.LastError);
        Assert.Empty(await smtp.GetMessagesAsync(Ct));
        var vendedor = await PanelSession.SignInAsync(app, CarteroRoles.Vendedor);
        var page = await vendedor.GetStringAsync("/");
        Assert.Contains("La ley exige que el comprobante llegue al comprador", page);
        Assert.Contains($"href=\"/facturas/{invoiceId}#reenviar\">corregir correo y reenviar</a>", page);
    }
}

public sealed class SqliteSuppressionTests() : SuppressionTests(null);

public sealed class PostgresSuppressionTests(PostgresCluster postgres) : SuppressionTests(postgres);
