using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cartero.Features.Invoicing;
using Cartero.Platform.Identity;
using Cartero.Sri.Tests;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>
/// Invoices a correction cannot fix (SRI codes 45 and 65) are issued again under a new secuencial, never resent with
/// the same clave; an authorised invoice annulled in the SRI's portal is recorded; the issue date and the buyer's
/// identification are checked before anything is signed. Both engines, the SRI stand-in, a real SMTP peer.
/// </summary>
public abstract class InvoiceReissueTests(PostgresCluster? postgres) : InvoicingScenario(postgres)
{
    private static int ReceptionsOf(SriScript sri, string clave) =>
        sri.Server.Solicitudes.Count(s => s.EsRecepcion && Encoding.UTF8.GetString(s.Comprobante!).Contains($"<claveAcceso>{clave}</claveAcceso>", StringComparison.Ordinal));

    [Fact]
    public async Task Code_45_leads_to_emitir_de_nuevo_and_never_to_a_resend_with_the_same_clave()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        sri.NextReception(clave => SriScript.Devuelta(clave, "45", "SECUENCIAL REGISTRADO"));
        var app = await AppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();

        var submitted = await SubmitAsync(erp, Sale());
        var devuelta = await WaitForAsync(erp, submitted.Id, i => i.Status == "devuelta", "la factura devuelta con 45");
        Assert.True(devuelta.RequiresReissue);
        var refusal = devuelta.Events!.Last(e => e.Status == "devuelta").Detail;
        Assert.Contains("emitir de nuevo", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("reenvíe la factura con la misma clave", refusal, StringComparison.Ordinal);

        // The correction with the same clave is refused, and says what to do instead.
        var corrected = await erp.PutAsJsonAsync($"/api/v1/invoices/{submitted.Id}", Sale(), Ct);
        Assert.Equal(HttpStatusCode.Conflict, corrected.StatusCode);
        Assert.Equal("application/problem+json", corrected.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/reissue", (string?)(await corrected.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]);

        var response = await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/reissue", new JsonObject { ["reason"] = "secuencial usado por el sistema anterior" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<InvoiceReissueResult>(Ct))!;
        Assert.Equal("abandonada", result.AbandonedStatus);
        Assert.Equal("001-002-000000002", result.Replacement.Number);
        Assert.NotEqual(submitted.AccessKey, result.Replacement.AccessKey);
        Assert.Equal(submitted.Total, result.Replacement.Total);

        var replacement = await WaitForAsync(erp, result.Replacement.Id, i => i.MailStatus != InvoiceMailStatus.Pendiente, "la factura emitida de nuevo, autorizada y enviada");
        Assert.Equal("autorizada", replacement.Status);
        Assert.Equal(submitted.Id, replacement.Replaces);
        Assert.Equal(EcuadorToday(), replacement.IssueDate);
        Assert.Equal(("04", "1790012344001", BuyerEmail), (replacement.BuyerIdType, replacement.BuyerId, replacement.BuyerEmail));
        Assert.Equal("VENTA-2001", replacement.Reference);
        Assert.Contains("Lentes de contacto mensuales", sri.Received[replacement.AccessKey], StringComparison.Ordinal);
        Assert.Contains("<formaPago>19</formaPago>", sri.Received[replacement.AccessKey], StringComparison.Ordinal);

        var old = (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{submitted.Id}", Ct))!;
        Assert.Equal("abandonada", old.Status);
        Assert.Equal(replacement.Id, old.ReplacedBy);
        Assert.Contains("[45] SECUENCIAL REGISTRADO", old.ClosedReason, StringComparison.Ordinal);
        Assert.Contains("secuencial usado por el sistema anterior", old.ClosedReason, StringComparison.Ordinal);

        await Eventually.WaitForAsync(() => smtp.GetMessagesAsync(Ct), m => m.Count == 1, "el correo de la factura emitida de nuevo");
        // The refused clave went to the SRI exactly once; only the new one followed.
        Assert.Equal(1, ReceptionsOf(sri, submitted.AccessKey));
        Assert.DoesNotContain(sri.Server.Solicitudes, s => !s.EsRecepcion && s.Clave == submitted.AccessKey);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "emitir_factura_de_nuevo", Ct)));

        var again = await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/reissue", new JsonObject(), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await erp.PostAsJsonAsync($"/api/v1/invoices/{Guid.CreateVersion7()}/reissue", new JsonObject(), Ct)).StatusCode);
    }

    [Fact]
    public async Task Code_65_no_autorizado_is_issued_again_from_the_panel_and_both_invoices_point_to_each_other()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        sri.NextAuthorization(clave => (200, ServidorSriFalso.Autorizacion(clave,
            ServidorSriFalso.UnaAutorizacion("NO AUTORIZADO", null, null, ("65", "FECHA EMISION EXTEMPORANEA", "ERROR")))));
        var app = await AppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();

        var submitted = await SubmitAsync(erp, Sale());
        await WaitForAsync(erp, submitted.Id, i => i.Status == "no_autorizada", "la factura no autorizada con 65");
        // Soporte and gerente read why it must be issued again; making the new comprobante is the admin's, as in the API.
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);
        var soportePage = await soporte.GetStringAsync($"/facturas/{submitted.Id}");
        Assert.Contains("No la reenvíe", soportePage, StringComparison.Ordinal);
        Assert.Contains("id=\"solo-administrador\"", soportePage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"emitir-de-nuevo\"", soportePage, StringComparison.Ordinal);
        var refused = await soporte.PostFormAsync($"/facturas/{submitted.Id}", new() { ["ReissueNote"] = "fecha vencida" }, $"/facturas/{submitted.Id}?handler=EmitirDeNuevo");
        Assert.Contains("/cuenta/acceso-denegado", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal("no_autorizada", (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{submitted.Id}", Ct))!.Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "emitir_factura_de_nuevo", Ct)));

        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var page = await admin.GetStringAsync($"/facturas/{submitted.Id}");
        Assert.Contains("id=\"emitir-de-nuevo\"", page, StringComparison.Ordinal);
        Assert.Contains("No la reenvíe", page, StringComparison.Ordinal);
        Assert.DoesNotContain("reenvíela con la misma clave", page, StringComparison.Ordinal);

        var posted = await admin.PostFormAsync($"/facturas/{submitted.Id}", new() { ["ReissueNote"] = "fecha vencida" }, $"/facturas/{submitted.Id}?handler=EmitirDeNuevo");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var newId = Guid.Parse(posted.Headers.Location!.ToString().Split('/')[^1]);
        var replacement = await WaitForAsync(erp, newId, i => i.Status == "autorizada", "la factura emitida de nuevo desde el panel");
        Assert.Equal(submitted.Id, replacement.Replaces);
        var old = (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{submitted.Id}", Ct))!;
        Assert.Equal(("abandonada", (Guid?)newId), (old.Status, old.ReplacedBy));
        Assert.Contains("[65] FECHA EMISION EXTEMPORANEA", old.ClosedReason, StringComparison.Ordinal);
        Assert.Equal(1, ReceptionsOf(sri, submitted.AccessKey));

        var oldPage = await admin.GetStringAsync($"/facturas/{submitted.Id}");
        Assert.Contains($"/facturas/{newId}", oldPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"emitir-de-nuevo\"", oldPage, StringComparison.Ordinal);
        Assert.Contains($"/facturas/{submitted.Id}", await admin.GetStringAsync($"/facturas/{newId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correctable_refusal_is_not_issued_again_and_an_annulled_invoice_is_recorded_stamped_and_shown_to_the_customer()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        sri.NextReception(clave => SriScript.Devuelta(clave, "52", "ERROR EN DIFERENCIAS"));
        var app = await AppAsync(sri, smtp);
        var erp = await app.CreateApiClientAsync();

        var returned = await SubmitAsync(erp, Sale());
        var devuelta = await WaitForAsync(erp, returned.Id, i => i.Status == "devuelta", "la factura devuelta con 52");
        Assert.False(devuelta.RequiresReissue);
        Assert.Contains("misma clave de acceso", devuelta.Events!.Last().Detail, StringComparison.Ordinal);
        var notReissued = await erp.PostAsJsonAsync($"/api/v1/invoices/{returned.Id}/reissue", new JsonObject(), Ct);
        Assert.Equal(HttpStatusCode.Conflict, notReissued.StatusCode);
        Assert.Contains("misma clave", (string?)(await notReissued.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]);

        var authorised = await SubmitAsync(erp, Sale());
        await WaitForAsync(erp, authorised.Id, i => i.MailStatus != InvoiceMailStatus.Pendiente, "la factura autorizada");
        Assert.Equal(HttpStatusCode.Conflict, (await erp.PostAsJsonAsync($"/api/v1/invoices/{authorised.Id}/reissue", new JsonObject(), Ct)).StatusCode);

        var admin = await app.CreateApiClientAsync(admin: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await erp.PostAsJsonAsync($"/api/v1/invoices/{authorised.Id}/annul",
            new JsonObject { ["sriReference"] = "ANU-1", ["confirm"] = true }, Ct)).StatusCode);
        var unconfirmed = await admin.PostAsJsonAsync($"/api/v1/invoices/{authorised.Id}/annul", new JsonObject { ["sriReference"] = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        var errors = (await unconfirmed.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.Contains("portal del SRI", (string?)errors["sriReference"]![0]);
        Assert.Contains("Confirme", (string?)errors["confirm"]![0]);
        Assert.Equal("autorizada", (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{authorised.Id}", Ct))!.Status);

        var annulled = await admin.PostAsJsonAsync($"/api/v1/invoices/{authorised.Id}/annul", new JsonObject { ["sriReference"] = "SRI-ANU-2026-000123", ["confirm"] = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, annulled.StatusCode);
        var dto = (await annulled.Content.ReadFromJsonAsync<InvoiceDto>(Ct))!;
        Assert.Equal(("anulada", "SRI-ANU-2026-000123"), (dto.Status, dto.AnnulmentReference));
        Assert.NotNull(dto.AnnulledBy);
        Assert.NotNull(dto.AnnulledAt);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "anular_factura", Ct)));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/invoices/{authorised.Id}/annul",
            new JsonObject { ["sriReference"] = "otra", ["confirm"] = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await erp.PostAsJsonAsync($"/api/v1/invoices/{authorised.Id}/email", new JsonObject(), Ct)).StatusCode);

        var ride = RawText(await erp.GetByteArrayAsync($"/api/v1/invoices/{authorised.Id}/ride", Ct));
        Assert.Contains("ANULADA", ride, StringComparison.Ordinal);
        var panel = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);
        Assert.Contains("SRI-ANU-2026-000123", await panel.GetStringAsync($"/facturas/{authorised.Id}"), StringComparison.Ordinal);
        Assert.Contains("ANULADA", RawText(await panel.Client.GetByteArrayAsync($"/facturas/{authorised.Id}?handler=Ride", Ct)), StringComparison.Ordinal);

        var customer = await PanelSession.SignInAsync(app, CarteroRoles.Cliente, customerId: "C-77");
        var history = await customer.GetStringAsync("/mis-correos");
        Assert.Contains(authorised.Number, history, StringComparison.Ordinal);
        Assert.Contains("ANULADA", history, StringComparison.Ordinal);
        Assert.Contains("ANULADA", RawText(await customer.Client.GetByteArrayAsync($"/mis-correos?handler=Ride&id={authorised.Id}", Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_issue_date_and_the_buyer_identification_are_checked_before_anything_is_stored()
    {
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp: null, extra: new Dictionary<string, string?> { ["Sri:ProcessorEnabled"] = "false" });
        var erp = await app.CreateApiClientAsync();
        var today = EcuadorToday();

        async Task<JsonObject> RefusedAsync(JsonObject sale)
        {
            var response = await erp.PostAsJsonAsync("/api/v1/invoices", sale, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        }

        var future = Sale();
        future["issueDate"] = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("posterior a hoy", (string?)(await RefusedAsync(future))["issueDate"]![0]);
        var late = Sale();
        late["issueDate"] = today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("65", (string?)(await RefusedAsync(late))["issueDate"]![0]);

        var badCedula = Sale();
        badCedula["buyer"]!["idType"] = "cedula";
        badCedula["buyer"]!["id"] = "1710034066";
        Assert.Contains("dígito verificador", (string?)(await RefusedAsync(badCedula))["buyer.id"]![0]);
        var badRuc = Sale();
        badRuc["buyer"]!["id"] = "1790016918001";
        Assert.Contains("módulo 11", (string?)(await RefusedAsync(badRuc))["buyer.id"]![0]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Invoices.CountAsync(Ct)));

        // Yesterday is still inside the window, and a passport is not checked.
        var yesterday = Sale();
        yesterday["issueDate"] = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        yesterday["buyer"]!["idType"] = "pasaporte";
        yesterday["buyer"]!["id"] = "N1234567";
        Assert.Equal(today.AddDays(-1), (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{(await SubmitAsync(erp, yesterday)).Id}", Ct))!.IssueDate);
    }

    [Fact]
    public async Task An_invoice_that_waited_unsigned_past_the_window_stops_before_signing_and_is_issued_again()
    {
        await using var sri = new SriScript();
        var clock = new MovableClock();
        var app = await AppAsync(sri, smtp: null, extra: new Dictionary<string, string?> { ["Sri:ProcessorEnabled"] = "false" }, time: clock);
        var erp = await app.CreateApiClientAsync();
        var stale = await SubmitAsync(erp, Sale());
        var ahead = await SubmitAsync(erp, Sale());
        var inTime = await SubmitAsync(erp, Sale());

        async Task ProcessAsync(Guid id)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<InvoiceProcessor>().ProcessAsync(id, Ct);
        }

        // The processor was down for three days (the default window is one day).
        clock.Offset = TimeSpan.FromDays(3);
        await ProcessAsync(stale.Id);
        var stopped = (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{stale.Id}", Ct))!;
        Assert.Equal("devuelta", stopped.Status);
        var detail = stopped.Events!.Last().Detail;
        Assert.Contains("antes de firmar (no llegó al SRI)", detail, StringComparison.Ordinal);
        Assert.Contains("65", detail, StringComparison.Ordinal);
        Assert.Contains("emitir de nuevo", detail, StringComparison.Ordinal);
        Assert.Equal(0, ReceptionsOf(sri, stale.AccessKey));
        Assert.Null(await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == stale.Id).Select(i => i.SignedXml).SingleAsync(Ct)));
        // The panel's history names who stopped it: Cartero, not the SRI.
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var page = await admin.GetStringAsync($"/facturas/{stale.Id}");
        Assert.Contains("<span class=\"estado estado-devuelta\">Detenida por Cartero antes de firmar</span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Devuelta por el SRI", page, StringComparison.Ordinal);

        // The offered way out works: a new secuencial with the moved clock's date.
        var response = await erp.PostAsJsonAsync($"/api/v1/invoices/{stale.Id}/reissue", new JsonObject { ["reason"] = "el proceso estuvo detenido" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var result = (await response.Content.ReadFromJsonAsync<InvoiceReissueResult>(Ct))!;
        Assert.Equal(EcuadorToday(clock), (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{result.Replacement.Id}", Ct))!.IssueDate);

        // A clock set back two days would sign a date in the future.
        clock.Offset = TimeSpan.FromDays(-2);
        await ProcessAsync(ahead.Id);
        var future = (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{ahead.Id}", Ct))!;
        Assert.Equal("devuelta", future.Status);
        Assert.Contains("posterior a hoy", future.Events!.Last().Detail, StringComparison.Ordinal);

        // One day later is still inside the window: signed and taken to the SRI.
        clock.Offset = TimeSpan.FromDays(1);
        await ProcessAsync(inTime.Id);
        Assert.Equal(1, ReceptionsOf(sri, inTime.AccessKey));
        Assert.NotEqual("devuelta", (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{inTime.Id}", Ct))!.Status);
    }

    private static string RawText(byte[] pdf)
    {
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        var file = Path.Combine(Directory.CreateTempSubdirectory("cartero-ride-").FullName, "ride.pdf");
        File.WriteAllBytes(file, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return Regex.Replace(text, @"\s+", "");
    }
}

public sealed class SqliteInvoiceReissueTests() : InvoiceReissueTests(null);

public sealed class PostgresInvoiceReissueTests(PostgresCluster postgres) : InvoiceReissueTests(postgres);
