using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Cartero.Features.Alerts;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Tracking;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>
/// The delivery obligation, watched: "Comprobantes sin entregar" lists the authorised invoices without an email, whose
/// mail failed or bounced, or not confirmed delivered within 24 h (clock moved); warnings on the invoice; and an admin
/// alert for invoices stuck at the SRI. Both engines, a real SMTP peer, the SRI stand-in.
/// </summary>
public abstract class InvoiceDeliveryWatchTests(PostgresCluster? postgres) : InvoicingScenario(postgres)
{
    private static async Task<List<UndeliveredInvoice>> UndeliveredAsync(HttpClient client, string? reason = null) =>
        (await client.GetFromJsonAsync<List<UndeliveredInvoice>>("/api/v1/invoices/undelivered" + (reason is null ? "" : "?reason=" + reason), Ct))!;

    private static Task SetTrackingAsync(CarteroAppFactory app, bool on) => app.WithDbAsync(async db =>
    {
        var s = await db.TrackingSettings.FirstOrDefaultAsync(Ct);
        if (s is null)
        {
            db.TrackingSettings.Add(new TrackingSettings { SendGridWebhookEnabled = on, SendGridPublicKey = on ? "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" : null });
        }
        else
        {
            s.SendGridWebhookEnabled = on;
        }

        await db.SaveChangesAsync(Ct);
    });

    [Fact]
    public async Task The_list_shows_no_email_failed_bounced_and_unconfirmed_after_24_hours_and_offers_to_correct_and_resend()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var clock = new MovableClock();
        var app = await AppAsync(sri, smtp, time: clock);
        var erp = await app.CreateApiClientAsync();

        var noEmail = await SubmitAsync(erp, Sale(email: null, finalConsumer: true));
        var failed = await SubmitAsync(erp, Sale(email: "rechazo550-compras@optica-los-andes.ec"));
        var delivered = await SubmitAsync(erp, Sale());
        var bounced = await SubmitAsync(erp, Sale(email: "devuelto@optica-los-andes.ec"));
        foreach (var id in new[] { noEmail.Id, failed.Id, delivered.Id, bounced.Id })
        {
            await WaitForAsync(erp, id, i => i.MailStatus == InvoiceMailStatus.SinCorreo || i.EmailStatus is "enviado" or "fallido", "la factura autorizada y su correo decidido");
        }

        // The receiving side bounced one afterwards (a DSN read from the bounce mailbox).
        var bouncedEmail = (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{bounced.Id}", Ct))!.EmailId;
        await app.WithDbAsync(db => db.Emails.Where(e => e.Id == bouncedEmail).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EmailStatus.Rebotado), Ct));

        var list = await UndeliveredAsync(erp);
        Assert.Equal(
            new[] { (noEmail.Id, UndeliveredReasons.SinCorreo), (failed.Id, UndeliveredReasons.Fallido), (bounced.Id, UndeliveredReasons.Rebotado) }.OrderBy(p => p.Item1),
            list.Select(u => (u.Id, u.Reason)).OrderBy(p => p.Item1));
        Assert.Equal("rebotado", (await erp.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{bounced.Id}", Ct))!.EmailStatus);

        // With tracking on, "enviado" is not delivery: after 24 h without entregado or abierto the invoice shows too.
        await SetTrackingAsync(app, on: true);
        Assert.DoesNotContain(await UndeliveredAsync(erp), u => u.Id == delivered.Id);
        clock.Offset = TimeSpan.FromHours(25);
        var late = await UndeliveredAsync(erp, UndeliveredReasons.SinConfirmar);
        Assert.Equal([delivered.Id], late.Select(u => u.Id));
        await SetTrackingAsync(app, on: false);
        Assert.DoesNotContain(await UndeliveredAsync(erp), u => u.Id == delivered.Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await erp.GetAsync("/api/v1/invoices/undelivered?reason=perdido", Ct)).StatusCode);

        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var page = await admin.GetStringAsync("/facturas/sin-entregar");
        Assert.Contains(noEmail.Number, page, StringComparison.Ordinal);
        Assert.Contains(failed.Number, page, StringComparison.Ordinal);
        Assert.DoesNotContain(delivered.Number, page, StringComparison.Ordinal);
        Assert.Contains("Corregir correo y reenviar", page, StringComparison.Ordinal);
        Assert.Contains("No hay comprobantes sin entregar con este motivo", await admin.GetStringAsync("/facturas/sin-entregar?motivo=rechazado"), StringComparison.Ordinal);
        var csv = (await admin.GetStringAsync("/facturas/sin-entregar?handler=Exportar&motivo=fallido")).TrimEnd().Split("\r\n");
        Assert.StartsWith("id,numero,fecha_emision", csv[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(2, csv.Length);
        Assert.Contains(failed.Id.ToString(), csv[1], StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "exportar_comprobantes_sin_entregar", Ct)));
        Assert.Contains("id=\"aviso-sin-entregar\"", await admin.GetStringAsync($"/facturas/{failed.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"aviso-sin-entregar\"", await admin.GetStringAsync($"/facturas/{delivered.Id}"), StringComparison.Ordinal);

        // "Corregir correo y reenviar": a bad address is a field error; the right one is mailed and leaves the list.
        var wrong = await admin.PostFormAsync("/facturas/sin-entregar", new() { ["Address"] = "sin arroba" }, $"/facturas/sin-entregar?handler=Reenviar&id={failed.Id}");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("sin arroba", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var resent = await admin.PostFormAsync("/facturas/sin-entregar", new() { ["Address"] = "compras.correcto@optica-los-andes.ec" }, $"/facturas/sin-entregar?handler=Reenviar&id={failed.Id}");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        await WaitForAsync(erp, failed.Id, i => i.EmailStatus == "enviado", "la factura reenviada a la dirección corregida");
        Assert.Contains(await smtp.GetMessagesAsync(Ct), m => m.To.Contains("compras.correcto@optica-los-andes.ec"));
        Assert.DoesNotContain(await UndeliveredAsync(erp), u => u.Id == failed.Id);
    }

    [Fact]
    public async Task The_pixel_switched_off_for_one_mail_type_decides_for_that_type_only()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var clock = new MovableClock();
        var app = await AppAsync(sri, smtp, new Dictionary<string, string?> { ["Cartero:Tracking:PublicBaseUrl"] = "https://correo.optica-los-andes.ec" }, clock);
        var erp = await app.CreateApiClientAsync();
        var invoice = await SubmitAsync(erp, Sale());
        await WaitForAsync(erp, invoice.Id, i => i.EmailStatus == "enviado", "la factura autorizada y enviada");
        var response = await erp.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/credit-notes", new { reason = "Devolución" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        var note = (await response.Content.ReadFromJsonAsync<Cartero.Features.Invoicing.CreditNotes.CreditNoteSubmitted>(Ct))!;
        await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.CreditNotes.Where(n => n.Id == note.Id).Join(db.Emails, n => n.EmailId, e => (Guid?)e.Id, (n, e) => e.Status).FirstOrDefaultAsync(Ct)),
            status => status == EmailStatus.Enviado, "la nota de crédito autorizada y enviada", TimeSpan.FromSeconds(60));
        // The open pixel works for facturas; for notas de crédito it is off, so nothing can report more than "enviado".
        await app.WithDbAsync(async db =>
        {
            db.TrackingSettings.Add(new TrackingSettings { PixelEnabled = true, PixelOffTypes = TrackingSettings.DefaultPixelOffTypes + ",nota_credito" });
            await db.SaveChangesAsync(Ct);
        });

        clock.Offset = TimeSpan.FromHours(25);
        var late = await UndeliveredAsync(erp, UndeliveredReasons.SinConfirmar);

        Assert.Equal([invoice.Id], late.Select(u => u.Id));
    }

    [Fact]
    public async Task The_sellers_sale_page_warns_when_its_invoice_did_not_reach_the_customer()
    {
        await using var smtp = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        await using var sri = new SriScript();
        var app = await AppAsync(sri, smtp);
        var seller = await Store.StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "vendedor@optica.ec");
        var customer = await Store.StoreFixture.CustomerAsync(app, "rechazo550-cliente@correo.ec");
        var product = await Store.StoreFixture.ProductAsync(app, "LEN-01", stock: 5, minimum: 0);
        var sale = await Store.StoreFixture.SellAsync(app, seller, customer.Id, product.Id, mail: true);
        var erp = await app.CreateApiClientAsync();
        await WaitForAsync(erp, sale.InvoiceId!.Value, i => i.EmailStatus == "fallido", "la factura de la venta con el correo fallido");

        var session = await PanelSession.SignInAsync(app, CarteroRoles.Vendedor, "vendedor@optica.ec");
        var page = await session.GetStringAsync($"/tienda/ventas/{sale.Id}");
        Assert.Contains("id=\"factura-sin-entregar\"", page, StringComparison.Ordinal);
        Assert.Contains("El envío falló", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoice_stuck_at_the_sri_longer_than_the_setting_raises_an_admin_alert()
    {
        await using var sri = new SriScript();
        for (var i = 0; i < 5000; i++)
        {
            sri.NextAuthorization(SriScript.EnProceso);
        }

        var clock = new MovableClock();
        var app = await AppAsync(sri, smtp: null, extra: new Dictionary<string, string?> { ["Cartero:Invoicing:StuckAfter"] = "00:30:00" }, time: clock);
        var erp = await app.CreateApiClientAsync();
        var submitted = await SubmitAsync(erp, Sale());
        await WaitForAsync(erp, submitted.Id, i => i.Status == "recibida" && i.Events!.Any(e => e.Detail.Contains("aún procesa", StringComparison.Ordinal)), "la factura recibida que el SRI sigue procesando");

        async Task<IReadOnlyList<string>> NoticesAsync(string role)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@optica.ec"), new Claim(ClaimTypes.Role, role)], "prueba"));
            return (await scope.ServiceProvider.GetRequiredService<PanelAlertService>().ForAsync(user, Ct)).Invoicing;
        }

        Assert.DoesNotContain(await NoticesAsync(CarteroRoles.Admin), n => n.Contains("sin respuesta del SRI", StringComparison.Ordinal));
        clock.Offset = TimeSpan.FromMinutes(31);
        var notice = Assert.Single(await NoticesAsync(CarteroRoles.Admin), n => n.Contains("sin respuesta del SRI", StringComparison.Ordinal));
        Assert.Contains("1 factura(s) llevan más de 30 min", notice, StringComparison.Ordinal);
        Assert.Empty(await NoticesAsync(CarteroRoles.Soporte));

        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        Assert.Contains("sin respuesta del SRI", await admin.GetStringAsync("/facturas"), StringComparison.Ordinal);
    }
}

public sealed class SqliteInvoiceDeliveryWatchTests() : InvoiceDeliveryWatchTests(null);

public sealed class PostgresInvoiceDeliveryWatchTests(PostgresCluster postgres) : InvoiceDeliveryWatchTests(postgres);
