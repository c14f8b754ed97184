using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Alerts;
using Cartero.Features.Invoicing;
using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>
/// A nota de crédito finishes its life as a factura does: the issue date is checked before signing, a refused note is
/// corrected (same clave) or abandoned (what it credited is free again, audited), an authorised note that did not reach
/// its buyer is in "Comprobantes sin entregar" and can be resent, a note stuck at the SRI raises the admin alert, and
/// its page shows words, not codes. Both engines, the SRI stand-in, a real SMTP peer.
/// </summary>
public abstract class CreditNoteLifecycleTests(PostgresCluster? postgres) : InvoicingScenario(postgres)
{
    private static int ReceptionsOf(SriScript sri, string clave) =>
        sri.Server.Solicitudes.Count(s => s.EsRecepcion && Encoding.UTF8.GetString(s.Comprobante!).Contains($"<claveAcceso>{clave}</claveAcceso>", StringComparison.Ordinal));

    private static async Task<CreditNoteSubmitted> IssueNoteAsync(HttpClient client, Guid invoiceId, string reason, int? line = null, decimal? quantity = null)
    {
        var body = new JsonObject { ["reason"] = reason };
        if (line is { } l)
        {
            body["lines"] = new JsonArray(new JsonObject { ["line"] = l, ["quantity"] = quantity });
        }

        var response = await client.PostAsJsonAsync($"/api/v1/invoices/{invoiceId}/credit-notes", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<CreditNoteSubmitted>(Ct))!;
    }

    private static Task<CreditNoteDto> WaitForNoteAsync(HttpClient client, Guid id, Func<CreditNoteDto, bool> done, string what) =>
        Eventually.WaitForAsync(async () => (await client.GetFromJsonAsync<CreditNoteDto>($"/api/v1/credit-notes/{id}", Ct))!, done, what, TimeSpan.FromSeconds(60));

    private static Task<CreditNoteDto> NoteAsync(HttpClient client, Guid id) => client.GetFromJsonAsync<CreditNoteDto>($"/api/v1/credit-notes/{id}", Ct)!;

    private static async Task<List<UndeliveredInvoice>> UndeliveredAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<UndeliveredInvoice>>("/api/v1/invoices/undelivered", Ct))!;

    [Fact]
    public async Task A_note_that_waited_past_the_window_stops_before_signing_and_abandoning_it_frees_what_it_credited()
    {
        await using var sri = new SriScript();
        var clock = new MovableClock();
        var app = await AppAsync(sri, smtp: null, extra: new Dictionary<string, string?> { ["Sri:ProcessorEnabled"] = "false" }, time: clock);
        var erp = await app.CreateApiClientAsync();

        async Task ProcessAsync(Guid id, bool note)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var processor = scope.ServiceProvider.GetRequiredService<InvoiceProcessor>();
            await (note ? processor.ProcessCreditNoteAsync(id, Ct) : processor.ProcessAsync(id, Ct));
        }

        var sold = await SubmitAsync(erp, Sale());
        var late = await SubmitAsync(erp, Sale());
        await ProcessAsync(sold.Id, note: false);
        Assert.Equal("autorizada", (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{sold.Id}", Ct))!.Status);
        var whole = await IssueNoteAsync(erp, sold.Id, "Devolución de toda la venta");

        // The processor was down for three days (the default window is one day).
        clock.Offset = TimeSpan.FromDays(3);
        await ProcessAsync(whole.Id, note: true);
        var stopped = await NoteAsync(erp, whole.Id);
        Assert.Equal("devuelta", stopped.Status);
        Assert.Contains("antes de firmar (no llegó al SRI)", stopped.Events!.Last().Detail, StringComparison.Ordinal);
        Assert.Contains("65", stopped.Events!.Last().Detail, StringComparison.Ordinal);
        Assert.Equal(0, ReceptionsOf(sri, whole.AccessKey));
        Assert.Null(await app.WithDbAsync(db => db.CreditNotes.Where(n => n.Id == whole.Id).Select(n => n.SignedXml).SingleAsync(Ct)));

        // Its clave carries the old date: no correction with it, only abandoning it.
        var correction = await erp.PostAsJsonAsync($"/api/v1/credit-notes/{whole.Id}/correction", new JsonObject(), Ct);
        Assert.Equal(HttpStatusCode.Conflict, correction.StatusCode);
        Assert.Contains("abandónela", await correction.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // While it stands it still holds the whole factura.
        var blocked = await erp.PostAsJsonAsync($"/api/v1/invoices/{sold.Id}/credit-notes", new JsonObject { ["reason"] = "Otra devolución" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);

        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var page = await admin.GetStringAsync($"/facturas/notas-credito/{whole.Id}");
        Assert.Contains("Cartero detuvo esta nota de crédito antes de firmarla", page, StringComparison.Ordinal);
        Assert.DoesNotContain("El SRI devolvió", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"corregir-nota\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"abandonar-nota\"", page, StringComparison.Ordinal);
        // Words, not the stored codes.
        Assert.Contains("Pendiente (la nota de crédito aún no está autorizada)", page, StringComparison.Ordinal);
        Assert.Contains(">Generada<", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">generada<", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">devuelta<", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">pendiente<", page, StringComparison.Ordinal);

        // The factura Cartero stopped the same way is not worded as the SRI's refusal.
        await ProcessAsync(late.Id, note: false);
        var invoicePage = await admin.GetStringAsync($"/facturas/{late.Id}");
        Assert.Contains("Cartero detuvo esta factura antes de firmarla y no la envió al SRI", invoicePage, StringComparison.Ordinal);
        Assert.DoesNotContain("El SRI devolvió", invoicePage, StringComparison.Ordinal);

        // Abandoning needs a reason, is audited, and frees the amount.
        var noReason = await erp.PostAsJsonAsync($"/api/v1/credit-notes/{whole.Id}/abandon", new JsonObject { ["reason"] = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await noReason.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["reason"]);
        var fromPanel = await admin.PostFormAsync($"/facturas/notas-credito/{whole.Id}", new() { ["AbandonReason"] = "Se emitió fuera de plazo; se emite otra" },
            $"/facturas/notas-credito/{whole.Id}?handler=Abandonar");
        Assert.Equal(HttpStatusCode.Redirect, fromPanel.StatusCode);
        var abandoned = await NoteAsync(erp, whole.Id);
        Assert.Equal("abandonada", abandoned.Status);
        Assert.Contains("Se emitió fuera de plazo; se emite otra", abandoned.Events!.Last().Detail, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "abandonar_nota_credito").ToListAsync(Ct));
        Assert.Contains(whole.AccessKey, Assert.Single(audit).Details, StringComparison.Ordinal);
        Assert.Contains("Abandonada", await admin.GetStringAsync($"/facturas/notas-credito/{whole.Id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await erp.PostAsJsonAsync($"/api/v1/credit-notes/{whole.Id}/abandon", new JsonObject { ["reason"] = "otra vez" }, Ct)).StatusCode);

        var again = await IssueNoteAsync(erp, sold.Id, "Devolución de toda la venta (nueva nota)");
        Assert.Equal(0m, again.RemainingOfInvoice);
        Assert.Equal(EcuadorToday(clock), (await NoteAsync(erp, again.Id)).IssueDate);
        await ProcessAsync(again.Id, note: true);
        Assert.Equal("autorizada", (await NoteAsync(erp, again.Id)).Status);
        Assert.Equal(1, ReceptionsOf(sri, again.AccessKey));
    }

    [Fact]
    public async Task A_devuelta_note_is_corrected_and_authorised_with_the_same_clave()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();
        var invoice = await SubmitAsync(erp, Sale());
        await WaitForAsync(erp, invoice.Id, i => i.Status == "autorizada", "la factura autorizada");
        sri.NextReception(clave => SriScript.Devuelta(clave, "35", "ARCHIVO NO CUMPLE ESTRUCTURA XML"));

        var created = await IssueNoteAsync(erp, invoice.Id, "Descuento", 1, 1m);
        await WaitForNoteAsync(erp, created.Id, n => n.Status == "devuelta", "la nota de crédito devuelta");
        // Gerente reads why it came back but neither corrects nor abandons it: that changes a comprobante (the admin's).
        var gerente = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);
        var gerentePage = await gerente.GetStringAsync($"/facturas/notas-credito/{created.Id}");
        Assert.Contains("El SRI devolvió esta nota de crédito", gerentePage, StringComparison.Ordinal);
        Assert.Contains("id=\"solo-administrador\"", gerentePage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"corregir-nota\"", gerentePage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"abandonar-nota\"", gerentePage, StringComparison.Ordinal);
        foreach (var (handler, field) in new[] { ("Corregir", "CorrectedReason"), ("Abandonar", "AbandonReason") })
        {
            var refused = await gerente.PostFormAsync($"/facturas/notas-credito/{created.Id}", new() { [field] = "intento del gerente" },
                $"/facturas/notas-credito/{created.Id}?handler={handler}");
            Assert.Contains("/cuenta/acceso-denegado", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal("devuelta", (await NoteAsync(erp, created.Id)).Status);
        Assert.Equal(1, ReceptionsOf(sri, created.AccessKey));

        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var page = await admin.GetStringAsync($"/facturas/notas-credito/{created.Id}");
        Assert.Contains("El SRI devolvió esta nota de crédito", page, StringComparison.Ordinal);
        Assert.Contains("id=\"corregir-nota\"", page, StringComparison.Ordinal);
        Assert.Contains("Devuelta por el SRI", page, StringComparison.Ordinal);

        var tooLong = await erp.PostAsJsonAsync($"/api/v1/credit-notes/{created.Id}/correction", new JsonObject { ["reason"] = new string('x', 301) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("devuelta", (await NoteAsync(erp, created.Id)).Status);

        var corrected = await admin.PostFormAsync($"/facturas/notas-credito/{created.Id}", new() { ["CorrectedReason"] = "Descuento por pronto pago" },
            $"/facturas/notas-credito/{created.Id}?handler=Corregir");
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var note = await WaitForNoteAsync(erp, created.Id, n => n.Status == "autorizada", "la nota de crédito corregida y autorizada");
        Assert.Equal(created.AccessKey, note.AccessKey);
        Assert.Equal("Descuento por pronto pago", note.Reason);
        Assert.Equal(2, ReceptionsOf(sri, created.AccessKey));
        Assert.Contains("<motivo>Descuento por pronto pago</motivo>", sri.Received[created.AccessKey], StringComparison.Ordinal);
        Assert.True(Cartero.Sri.VerificadorXades.Verificar(Encoding.UTF8.GetBytes(sri.Received[created.AccessKey])).EsValida);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "corregir_nota_credito", Ct)));

        // An authorised note is neither corrected nor abandoned.
        Assert.Equal(HttpStatusCode.Conflict, (await erp.PostAsJsonAsync($"/api/v1/credit-notes/{created.Id}/correction", new JsonObject(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await erp.PostAsJsonAsync($"/api/v1/credit-notes/{created.Id}/abandon", new JsonObject { ["reason"] = "no" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_authorised_note_that_did_not_reach_the_buyer_is_in_sin_entregar_and_is_resent()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();
        // A buyer with a RUC who gave no email (the SRI takes no nota de crédito for a consumidor final).
        var invoice = await SubmitAsync(erp, Sale(email: null));
        await WaitForAsync(erp, invoice.Id, i => i.MailStatus == InvoiceMailStatus.SinCorreo, "la factura autorizada sin correo");
        var created = await IssueNoteAsync(erp, invoice.Id, "Devolución", 1, 1m);
        await WaitForNoteAsync(erp, created.Id, n => n.MailStatus == InvoiceMailStatus.SinCorreo, "la nota de crédito autorizada sin correo");

        var listed = Assert.Single(await UndeliveredAsync(erp), u => u.Id == created.Id);
        Assert.Equal((UndeliveredInvoice.NotaCredito, UndeliveredReasons.SinCorreo, created.Number), (listed.Kind, listed.Reason, listed.Number));
        Assert.Contains(await UndeliveredAsync(erp), u => u.Id == invoice.Id && u.Kind == UndeliveredInvoice.Factura);

        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var page = await admin.GetStringAsync("/facturas/sin-entregar");
        Assert.Contains($"href=\"/facturas/notas-credito/{created.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"nota-credito-{created.Id}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"lista-recortada\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"aviso-sin-entregar\"", await admin.GetStringAsync($"/facturas/notas-credito/{created.Id}"), StringComparison.Ordinal);

        var resend = $"/facturas/sin-entregar?handler=Reenviar&id={created.Id}&tipo=nota_credito";
        var wrong = await admin.PostFormAsync("/facturas/sin-entregar", new() { ["Address"] = "sin arroba" }, resend);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("sin arroba", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var resent = await admin.PostFormAsync("/facturas/sin-entregar", new() { ["Address"] = "devoluciones@optica-los-andes.ec" }, resend);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Any(x => x.To.Contains("devoluciones@optica-los-andes.ec")), "la nota de crédito reenviada");
        await Eventually.WaitForAsync(() => UndeliveredAsync(erp), l => l.All(u => u.Id != created.Id), "la nota de crédito entregada fuera de la lista");
        Assert.Contains(await UndeliveredAsync(erp), u => u.Id == invoice.Id);

        // The API resends it too, and refuses what is not authorised.
        var api = await erp.PostAsJsonAsync($"/api/v1/credit-notes/{created.Id}/email", new JsonObject { ["address"] = "contabilidad@optica-los-andes.ec" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erp.PostAsJsonAsync($"/api/v1/credit-notes/{Guid.NewGuid()}/email", new JsonObject(), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_note_stuck_at_the_sri_raises_the_admin_alert()
    {
        await using var sri = new SriScript();
        var clock = new MovableClock();
        var app = await AppAsync(sri, smtp: null, extra: new Dictionary<string, string?> { ["Cartero:Invoicing:StuckAfter"] = "00:30:00" }, time: clock);
        var erp = await app.CreateApiClientAsync();
        var invoice = await SubmitAsync(erp, Sale());
        await WaitForAsync(erp, invoice.Id, i => i.Status == "autorizada", "la factura autorizada");
        for (var i = 0; i < 5000; i++)
        {
            sri.NextAuthorization(SriScript.EnProceso);
        }

        var created = await IssueNoteAsync(erp, invoice.Id, "Devolución", 1, 1m);
        await WaitForNoteAsync(erp, created.Id, n => n.Status == "recibida" && n.Events!.Any(e => e.Detail.Contains("aún procesa", StringComparison.Ordinal)),
            "la nota de crédito recibida que el SRI sigue procesando");

        async Task<IReadOnlyList<string>> NoticesAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin@optica.ec"), new Claim(ClaimTypes.Role, CarteroRoles.Admin)], "prueba"));
            return (await scope.ServiceProvider.GetRequiredService<PanelAlertService>().ForAsync(user, Ct)).Invoicing;
        }

        Assert.DoesNotContain(await NoticesAsync(), n => n.Contains("sin respuesta del SRI", StringComparison.Ordinal));
        clock.Offset = TimeSpan.FromMinutes(31);
        var notice = Assert.Single(await NoticesAsync(), n => n.Contains("sin respuesta del SRI", StringComparison.Ordinal));
        Assert.StartsWith("1 nota(s) de crédito llevan más de 30 min", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_for_a_factura_of_pruebas_stays_in_pruebas_after_the_shop_moves_to_produccion()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();
        var invoice = await SubmitAsync(erp, Sale());
        await WaitForAsync(erp, invoice.Id, i => i.Status == "autorizada", "la factura de pruebas autorizada");

        // The shop goes live; only the test service (the fake's pruebas URLs) knows the factura.
        await app.WithDbAsync(async db =>
        {
            var settings = await db.InvoicingSettings.SingleAsync(Ct);
            settings.Environment = "produccion";
            await db.SaveChangesAsync(Ct);
        });

        var created = await IssueNoteAsync(erp, invoice.Id, "Devolución de un producto", 1, 1m);
        await WaitForNoteAsync(erp, created.Id, n => n.Status == "autorizada", "la nota de crédito autorizada en pruebas");
        var stored = await app.WithDbAsync(db => db.CreditNotes.AsNoTracking().SingleAsync(n => n.Id == created.Id, Ct));
        Assert.Equal("pruebas", stored.Environment);
        // Ambiente is the 24th digit of the clave: 1 pruebas, 2 producción.
        Assert.Equal('1', created.AccessKey[23]);
        Assert.Equal(1, ReceptionsOf(sri, created.AccessKey));
        Assert.Contains("<ambiente>1</ambiente>", sri.Received[created.AccessKey], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sin_entregar_says_when_it_shows_only_the_first_500()
    {
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp: null);
        var erp = await app.CreateApiClientAsync();
        var first = await SubmitAsync(erp, Sale(email: null, finalConsumer: true));
        await WaitForAsync(erp, first.Id, i => i.MailStatus == InvoiceMailStatus.SinCorreo, "la factura autorizada sin correo");
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        Assert.DoesNotContain("id=\"lista-recortada\"", await admin.GetStringAsync("/facturas/sin-entregar"), StringComparison.Ordinal);

        // 500 more authorised invoices without an address, copied from the first row.
        await app.WithDbAsync(async db =>
        {
            var original = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == first.Id, Ct);
            var values = db.Entry(original).CurrentValues.Clone();
            for (var n = 1; n <= InvoiceDeliveryWatch.MaxRows; n++)
            {
                var copy = (Invoice)values.ToObject();
                copy.Id = Guid.CreateVersion7();
                copy.Sequential = 10_000 + n;
                copy.AccessKey = $"{n:D48}9";
                copy.EventCount = 0;
                copy.EventsHead = null;
                copy.IdempotencyKey = null;
                copy.EmailId = null;
                db.Invoices.Add(copy);
            }

            await db.SaveChangesAsync(Ct);
        });

        var page = await admin.GetStringAsync("/facturas/sin-entregar");
        Assert.Contains("id=\"lista-recortada\"", page, StringComparison.Ordinal);
        Assert.Contains("Se muestran solo los primeros 500 comprobantes", page, StringComparison.Ordinal);
        Assert.Equal(InvoiceDeliveryWatch.MaxRows, System.Text.RegularExpressions.Regex.Count(page, "<tr id=\"factura-"));
        Assert.Contains("la exportación CSV los trae todos", page, StringComparison.Ordinal);

        // The page is cut for reading; the export is what a contador works through, so it carries every one.
        var csv = await admin.Client.GetStringAsync("/facturas/sin-entregar?handler=Exportar", Ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(InvoiceDeliveryWatch.MaxRows + 1 + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(first.Id.ToString(), StringComparison.Ordinal));
        var exported = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == Cartero.Features.Audit.AuditAction.ExportUndelivered.Code, Ct));
        Assert.Contains($"\"filas\":{InvoiceDeliveryWatch.MaxRows + 1}", exported.Details, StringComparison.Ordinal);
    }
}

public sealed class SqliteCreditNoteLifecycleTests() : CreditNoteLifecycleTests(null);

public sealed class PostgresCreditNoteLifecycleTests(PostgresCluster postgres) : CreditNoteLifecycleTests(postgres);
