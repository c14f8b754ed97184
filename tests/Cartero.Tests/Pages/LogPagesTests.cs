using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Pages;

public sealed class LogPagesTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> EnqueueAsync(string to, string subject, string? customerId = null, string html = "<p>Hola</p>")
    {
        var client = await _app.CreateApiClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido",
            ["to"] = new JsonObject { ["address"] = to, ["kind"] = customerId is null ? "externo" : "cliente", ["id"] = customerId },
            ["entity"] = new JsonObject { ["type"] = "pedido", ["id"] = "P-" + subject.Length },
            ["subject"] = subject,
            ["html"] = html,
            ["text"] = "Texto de " + subject,
        }, Ct);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
    }

    private async Task FailAsync(Guid id)
    {
        var machine = _app.Services.GetRequiredService<EmailStateMachine>();
        await _app.WithDbAsync(async db =>
        {
            var entry = await db.Emails.SingleAsync(e => e.Id == id, Ct);
            machine.Transition(entry, EmailStatus.Enviando, new TransitionDetail(Actor: "w"));
            machine.Transition(entry, EmailStatus.Fallido, new TransitionDetail("550 5.1.1 <x>: Recipient address rejected", 550, "smtp"));
            entry.LastError = "550 5.1.1 <x>: Recipient address rejected";
            await db.SaveChangesAsync(Ct);
        });
    }

    [Fact]
    public async Task The_list_filters_by_recipient_and_free_text_and_shows_the_count()
    {
        await EnqueueAsync("ana@correo.ec", "Su pedido está listo");
        await EnqueueAsync("luis@correo.ec", "Recordatorio de control visual");
        await EnqueueAsync("ana@correo.ec", "Factura 001-001-000000045");
        var soporte = await PanelSession.SignInAsync(_app, CarteroRoles.Soporte);

        var all = await soporte.GetStringAsync("/correos");
        Assert.Contains("<strong>3</strong> correos coinciden", all);

        var ana = await soporte.GetStringAsync("/correos?destinatario=ana%40correo.ec");
        Assert.Contains("<strong>2</strong> correos coinciden", ana);
        Assert.DoesNotContain("luis@correo.ec", ana);

        var text = await soporte.GetStringAsync("/correos?texto=CONTROL");
        Assert.Contains("<strong>1</strong> correo coincide", text);
        Assert.Contains("Recordatorio de control visual", text);

        var none = await soporte.GetStringAsync("/correos?estado=fallido");
        Assert.Contains("No hay correos que coincidan con este filtro.", none);
    }

    [Fact]
    public async Task The_detail_shows_the_history_and_the_message_sanitized_and_a_failure_is_retried_from_it()
    {
        var id = await EnqueueAsync("ana@correo.ec", "Su pedido está listo", html: "<p onclick=\"robar()\">Hola Ana</p><script>alert(1)</script>");
        await FailAsync(id);
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);

        var detail = await admin.GetStringAsync($"/correos/{id}");
        Assert.Contains("Recipient address rejected", detail);
        Assert.Contains($"sandbox=\"\" src=\"/correos/{id}?handler=Vista\"", detail);
        Assert.Contains("Texto de Su pedido está listo", detail);
        var preview = await admin.GetAsync($"/correos/{id}?handler=Vista");
        var html = await preview.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Hola Ana", html);
        Assert.DoesNotContain("robar()", html);
        Assert.DoesNotContain("alert(1)", html);
        Assert.Equal(Cartero.Platform.Web.SecurityHeaders.MessagePreviewPolicy, preview.Headers.GetValues("Content-Security-Policy").Single());

        var retry = await admin.PostFormAsync($"/correos/{id}", [], $"/correos/{id}?handler=Reintentar");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var after = await admin.GetStringAsync($"/correos/{id}");
        Assert.Contains("El correo volvió a la cola", after);
        var entry = await _app.WithDbAsync(db => db.Emails.Include(e => e.Events).SingleAsync(e => e.Id == id, Ct));
        Assert.Equal(EmailStatus.EnCola, entry.Status);
        Assert.Equal("admin@optica.ec", entry.Events.OrderBy(e => e.Id).Last().Actor);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/correos/{Guid.CreateVersion7()}")).StatusCode);
    }

    [Fact]
    public async Task A_customer_sees_only_their_own_mail_and_no_error_text()
    {
        var mine = await EnqueueAsync("ana@correo.ec", "Su pedido está listo", customerId: "C-10");
        await FailAsync(mine);
        await EnqueueAsync("otra.direccion@correo.ec", "Factura 001-001-000000046", customerId: "C-10");
        await EnqueueAsync("luis@correo.ec", "Pedido de Luis", customerId: "C-11");
        var ana = await PanelSession.SignInAsync(_app, CarteroRoles.Cliente, "ana@correo.ec", customerId: "C-10");

        var page = await ana.GetStringAsync("/mis-correos");

        Assert.Contains("Su pedido está listo", page);
        Assert.Contains("Factura 001-001-000000046", page);
        Assert.Contains("no enviado", page);
        Assert.DoesNotContain("Pedido de Luis", page);
        Assert.DoesNotContain("luis@correo.ec", page);
        Assert.DoesNotContain("Recipient address rejected", page);
        Assert.DoesNotContain("550", page);
    }

    [Fact]
    public async Task Bulk_retry_says_how_many_and_retries_only_the_failures_of_the_filter()
    {
        var a = await EnqueueAsync("ana@correo.ec", "Uno");
        var b = await EnqueueAsync("ana@correo.ec", "Dos");
        var c = await EnqueueAsync("luis@correo.ec", "Tres");
        await EnqueueAsync("ana@correo.ec", "Cuatro");
        await FailAsync(a);
        await FailAsync(b);
        await FailAsync(c);
        var gerente = await PanelSession.SignInAsync(_app, CarteroRoles.Gerente);

        var list = await gerente.GetStringAsync("/correos?destinatario=ana%40correo.ec");
        Assert.Contains("Reintentar los 2 fallidos de este filtro", list);
        var confirm = await gerente.GetStringAsync("/correos/reintentar-lote?destinatario=ana%40correo.ec");
        Assert.Contains("<strong>2</strong> correos fallidos", confirm);

        var done = await gerente.PostFormAsync("/correos/reintentar-lote?destinatario=ana%40correo.ec", []);
        Assert.Contains("2 correos volvieron a la cola", await done.Content.ReadAsStringAsync(Ct));

        var states = await _app.WithDbAsync(db => db.Emails.ToDictionaryAsync(e => e.Id, e => e.Status, Ct));
        Assert.Equal(EmailStatus.EnCola, states[a]);
        Assert.Equal(EmailStatus.EnCola, states[b]);
        Assert.Equal(EmailStatus.Fallido, states[c]);
    }

    [Fact]
    public async Task The_panel_exports_the_current_filter_as_csv()
    {
        await EnqueueAsync("ana@correo.ec", "Uno");
        await EnqueueAsync("luis@correo.ec", "Dos");
        var soporte = await PanelSession.SignInAsync(_app, CarteroRoles.Soporte);

        var list = await soporte.GetStringAsync("/correos?destinatario=luis%40correo.ec");
        Assert.Matches("/correos/exportar\\?destinatario=luis(%40|@)correo.ec&amp;formato=csv", list);
        var csv = await soporte.GetStringAsync("/correos/exportar?destinatario=luis%40correo.ec&formato=csv");

        var lines = csv.TrimEnd().Split("\r\n");
        Assert.Equal(2, lines.Length);
        Assert.Contains("luis@correo.ec", lines[1]);
        var vendedor = await PanelSession.SignInAsync(_app, CarteroRoles.Vendedor);
        Assert.Equal(HttpStatusCode.Redirect, (await vendedor.GetAsync("/correos/exportar?formato=csv")).StatusCode);
    }

    [Fact]
    public async Task The_statistics_page_shows_the_period_in_tables_and_loads_the_local_chart_library()
    {
        var id = await EnqueueAsync("ana@correo.ec", "Uno");
        await EnqueueAsync("luis@gmail.com", "Dos");
        await FailAsync(id);
        var gerente = await PanelSession.SignInAsync(_app, CarteroRoles.Gerente);

        var page = await gerente.GetStringAsync("/estadisticas");

        Assert.Contains("Correos solicitados</dt><dd>2</dd>", page);
        Assert.Contains("550 5.1.1", page);
        Assert.Contains("correo.ec", page);
        Assert.Contains("/lib/chart.js/chart.umd.min.js", page);
        Assert.Equal(HttpStatusCode.OK, (await gerente.GetAsync("/lib/chart.js/chart.umd.min.js")).StatusCode);
        Assert.Contains("período válido", await gerente.GetStringAsync("/estadisticas?desde=2026-11-05&hasta=2026-11-01"));
    }

    [Fact]
    public async Task Attachments_download_from_the_detail_for_log_readers_and_each_download_is_audited()
    {
        var client = await _app.CreateApiClientAsync();
        // Not a clinical mail: those are encrypted and their attachments are for admins only (ClinicalDocumentsTests).
        var pdf = "%PDF-1.4 recibo"u8.ToArray();
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "comprobante", ["to"] = new JsonObject { ["address"] = "ana@correo.ec" }, ["subject"] = "Su comprobante", ["text"] = "Adjunto",
            ["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "recibo.pdf", ["contentType"] = "application/pdf", ["contentBase64"] = Convert.ToBase64String(pdf) }),
        }, Ct);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        var soporte = await PanelSession.SignInAsync(_app, CarteroRoles.Soporte);

        Assert.Contains($"handler=Adjunto&amp;sha={sha}", await soporte.GetStringAsync($"/correos/{id}"));
        var file = await soporte.GetAsync($"/correos/{id}?handler=Adjunto&sha={sha}");

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await soporte.GetAsync($"/correos/{id}?handler=Adjunto&sha={new string('a', 64)}")).StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "descargar_adjunto", Ct)));
        var vendedor = await PanelSession.SignInAsync(_app, CarteroRoles.Vendedor);
        Assert.Equal(HttpStatusCode.Redirect, (await vendedor.GetAsync($"/correos/{id}?handler=Adjunto&sha={sha}")).StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
