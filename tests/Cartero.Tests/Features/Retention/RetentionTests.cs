using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Retention;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Archive;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Retention;

/// <summary>
/// Content retention per type on both engines, with the clock moved forward: what is past its term loses its body
/// and attachment files, held entities and invoices within seven years keep theirs, and the plan is what the job does.
/// </summary>
public abstract class RetentionTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Cartero:Worker:Enabled"] = "true",
        ["Cartero:Worker:PollInterval"] = "00:00:00.100",
        ["Cartero:Retention:JobEnabled"] = "false",
    };

    [Fact]
    public async Task Past_its_term_content_is_purged_held_entities_and_invoices_within_seven_years_are_kept_and_the_plan_is_the_job()
    {
        var time = new ShiftedClock();
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = (await NewAppAsync(Settings)).WithTime(time);
        await app.ConfigureSmtpAsync(smtp.Port);
        var api = await app.CreateApiClientAsync(admin: true);
        var invoice = await EnqueueAsync(api, "factura", "factura", "001-001-000000123", "RIDE de la factura");
        var clinical = await EnqueueAsync(api, "notificacion_clinica", "documento_clinico", "DC-7", "Receta del paciente");
        var order = await EnqueueAsync(api, "pedido", "pedido", "P-1", "Orden de lentes");
        var held = await EnqueueAsync(api, "pedido", "venta", "V-9", "Venta en disputa");
        var heldCustomer = await EnqueueAsync(api, "alerta_stock", "producto", "LEN-1", "Aviso al cliente en reclamo", customer: "C-42");
        Guid[] all = [invoice, clinical, order, held, heldCustomer];
        await Eventually.WaitForAsync(() => app.WithDbAsync(db => db.Emails.AsNoTracking().CountAsync(e => all.Contains(e.Id) && e.Status == EmailStatus.Enviado, Ct)),
            n => n == all.Length, "los cinco correos enviados");
        var clinicalFile = await AttachmentShaAsync(app, clinical);
        var invoiceFile = await AttachmentShaAsync(app, invoice);

        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/retencion", new() { ["entidadTipo"] = "venta", ["entidadId"] = "V-9", ["motivo"] = "Reclamo 2026-15" }, "/retencion?handler=Retener")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/retencion", new() { ["entidadTipo"] = "cliente", ["entidadId"] = "C-42", ["motivo"] = "Proceso judicial 17-2026" }, "/retencion?handler=Retener")).StatusCode);
        var transitionsBefore = await TransitionsAsync(app);

        // 100 days: only the clinical notification (90 days) is due.
        time.Advance(TimeSpan.FromDays(100));
        Assert.Equal([clinical], await PlanAsync(app));

        // Two years: the order too (a year); not the invoice (seven), nor what is held.
        time.Advance(TimeSpan.FromDays(630));
        var plan = await PlanAsync(app);
        Assert.Equal(new[] { clinical, order }.Order(), plan.Order());
        // Each sent .eml is stored, found by its hash.
        var emlOf = await app.WithDbAsync(db => db.EmailEvents.AsNoTracking().Where(e => all.Contains(e.EmailId) && e.MessageSha256 != null)
            .ToDictionaryAsync(e => e.EmailId, e => e.MessageSha256!, Ct));
        Assert.Equal(all.Length, emlOf.Count);
        var archive = app.Services.GetRequiredService<SentMessageArchive>();
        bool Stored(Guid id) => archive.Has(emlOf[id]);
        // The clinical notification is a protected type: its .eml is hashed, never archived (ProtectedContentOpener).
        await Eventually.WaitForAsync(() => Task.FromResult(all.Count(Stored)), n => n == all.Length - 1, "los cuatro .eml no clínicos guardados");
        Assert.False(Stored(clinical));
        var purged = await app.Services.GetRequiredService<ContentPurger>().RunAsync(Ct);
        Assert.Equal(plan.Length, purged);
        Assert.Empty(await PlanAsync(app));

        var rows = await app.WithDbAsync(db => db.Emails.AsNoTracking().Include(e => e.Events).Where(e => all.Contains(e.Id)).ToDictionaryAsync(e => e.Id, Ct));
        var contents = await app.WithDbAsync(db => db.EmailContents.AsNoTracking().Where(c => all.Contains(c.EmailId)).Select(c => c.EmailId).ToListAsync(Ct));
        foreach (var id in all)
        {
            var gone = plan.Contains(id);
            Assert.Equal(gone, rows[id].ContentPurgedAt is not null);
            Assert.Equal(!gone, contents.Contains(id));
            Assert.Equal(gone ? 1 : 0, rows[id].Events.Count(e => e.Kind == EmailEventKinds.ContentPurged));
            // The row keeps its state and its attachment metadata.
            Assert.Equal(EmailStatus.Enviado, rows[id].Status);
            Assert.Single(rows[id].Attachments);
            // The stored .eml goes with the content; held ones and those within their term stay.
            Assert.Equal(!gone && id != clinical, Stored(id));
        }

        var purgeEvent = rows[clinical].Events.Single(e => e.Kind == EmailEventKinds.ContentPurged);
        Assert.Equal((EmailStatus.Enviado, EmailStatus.Enviado, ContentPurger.ActorName), (purgeEvent.Status, purgeEvent.PreviousStatus, purgeEvent.Actor));
        var files = Path.Combine(app.DataDirectory, "attachments");
        Assert.Empty(Directory.EnumerateFiles(files, clinicalFile + "*", SearchOption.AllDirectories));
        Assert.NotEmpty(Directory.EnumerateFiles(files, invoiceFile + "*", SearchOption.AllDirectories));

        // The purge events are not counted as transitions, and the chains still verify.
        Assert.Equal(transitionsBefore, await TransitionsAsync(app));
        var verify = await api.GetFromJsonAsync<JsonObject>("/api/v1/audit/verify", Ct);
        Assert.True((bool)verify!["valid"]!, verify.ToJsonString());

        // Two years on, the morning session is long gone: a new one.
        admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var detail = await admin.GetStringAsync($"/correos/{clinical}");
        Assert.Contains("El contenido de este correo (cuerpo y adjuntos) se depuró el", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("se depuró el", await admin.GetStringAsync($"/correos/{invoice}"), StringComparison.Ordinal);

        // Released, the held sale follows its type's term; at eight years the invoice is due as well.
        var holdId = await app.WithDbAsync(db => db.LegalHolds.AsNoTracking().Where(h => h.EntityId == "V-9").Select(h => h.Id).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/retencion", new(), $"/retencion?handler=Quitar&id={holdId}")).StatusCode);
        Assert.Equal([held], await PlanAsync(app));
        time.Advance(TimeSpan.FromDays(365 * 6));
        Assert.Equal(new[] { invoice, held }.Order(), (await PlanAsync(app)).Order());

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(2, audit.Count(a => a == "poner_retencion_legal"));
        Assert.Contains("quitar_retencion_legal", audit);
        Assert.Contains("depurar_contenido", audit);
    }

    [Fact]
    public async Task An_admin_changes_a_types_term_field_errors_are_spanish_and_the_change_is_audited()
    {
        var time = new ShiftedClock();
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var app = (await NewAppAsync(Settings)).WithTime(time);
        await app.ConfigureSmtpAsync(smtp.Port);
        var api = await app.CreateApiClientAsync(admin: true);
        var invoice = await EnqueueAsync(api, "factura", "factura", "001-001-000000124", "RIDE");
        await Eventually.WaitForAsync(() => app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == invoice, Ct)), e => e.Status == EmailStatus.Enviado, "la factura enviada");
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);

        var page = await admin.GetStringAsync("/retencion");
        Assert.Contains("value=\"2557\"", page, StringComparison.Ordinal);
        var bad = await admin.PostFormAsync("/retencion", new() { ["tipo"] = "factura", ["dias"] = "-1" }, "/retencion?handler=Plazo");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Indique entre 0 y 36500 días", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var unknown = await admin.PostFormAsync("/retencion", new() { ["tipo"] = "inventado", ["dias"] = "5" }, "/retencion?handler=Plazo");
        Assert.Contains("Tipo de correo desconocido", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var noReason = await admin.PostFormAsync("/retencion", new() { ["entidadTipo"] = "factura", ["entidadId"] = "1" }, "/retencion?handler=Retener");
        Assert.Contains("Indique el motivo de la retención", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/retencion", new() { ["tipo"] = "factura", ["dias"] = "10" }, "/retencion?handler=Plazo")).StatusCode);
        time.Advance(TimeSpan.FromDays(11));
        Assert.Equal([invoice], await PlanAsync(app));
        var change = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "cambiar_retencion", Ct));
        Assert.Equal("admin@optica.ec", change.Actor);
        Assert.Contains("2557", change.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_email_whose_content_was_purged_is_not_retried()
    {
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Retention:JobEnabled"] = "false" });
        var id = await app.AddFailedEmailAsync("erp");
        await app.WithDbAsync(db => db.Emails.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ContentPurgedAt, DateTime.UtcNow), Ct));
        var api = await app.CreateApiClientAsync(admin: true);

        var response = await api.PostAsync($"/api/v1/emails/{id}/retry", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("se depuró al vencer su plazo de retención", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(EmailStatus.Fallido, (await app.WithDbAsync(db => db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct))).Status);
    }

    /// <summary>What <c>retention plan</c> prints, as email ids, run as the operator runs it (the verb with the app's services).</summary>
    private static async Task<Guid[]> PlanAsync(CarteroAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var verb = scope.ServiceProvider.GetServices<ICliVerb>().OfType<RetentionPlanVerb>().Single();
        var output = new StringWriter();
        Assert.Equal(0, await verb.RunAsync([], output, new StringWriter(), Ct));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = lines.Skip(1).SkipLast(1).Select(l => Guid.Parse(l.Split('\t')[0])).ToArray();
        Assert.Equal($"{ids.Length} correos con contenido vencido (no se depuró nada).", lines[^1]);
        return ids;
    }

    private static Task<long> TransitionsAsync(CarteroAppFactory app) => app.WithDbAsync(async db =>
        await db.DailySendCounts.AsNoTracking().SumAsync(d => d.Transitions, Ct) + await db.StatisticsChanges.AsNoTracking().SumAsync(c => c.Transitions, Ct));

    private static Task<string> AttachmentShaAsync(CarteroAppFactory app, Guid id) =>
        app.WithDbAsync(async db => (await db.Emails.AsNoTracking().SingleAsync(e => e.Id == id, Ct)).Attachments.Single().Sha256);

    private static async Task<Guid> EnqueueAsync(HttpClient api, string type, string entityType, string entityId, string marker, string? customer = null)
    {
        var pdf = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker} {Guid.NewGuid()}\n%%EOF\n");
        var response = await api.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = type,
            ["to"] = new JsonObject { ["address"] = "cliente@correo.ec", ["kind"] = "cliente", ["id"] = customer ?? "C-1" },
            ["entity"] = new JsonObject { ["type"] = entityType, ["id"] = entityId },
            ["subject"] = "Documento",
            ["html"] = $"<p>{marker}</p>",
            ["text"] = marker,
            ["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "documento.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(pdf) }),
        }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
    }
}

/// <summary>
/// The system clock moved forward by <see cref="Advance"/>; timers keep real time. A fake clock that fires every
/// periodic timer for each period it skips would run the app's one-minute timers millions of times for a jump of years.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}

public sealed class SqliteRetentionTests() : RetentionTests(null);

public sealed class PostgresRetentionTests(PostgresCluster postgres) : RetentionTests(postgres);
