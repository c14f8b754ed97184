using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Pages;

/// <summary>
/// Codes as words on the pages and in the exports' human columns (the code columns stay), worker ids as
/// "Proceso de envío", and MailKit's English error kept with a Spanish explanation beside it.
/// </summary>
public sealed class PanelWordsTests() : AppTestBase(null)
{
    private const string EnglishError = "550 5.1.1 <ana@correo.ec>: Recipient address rejected: User unknown in virtual mailbox table";

    private static async Task<Guid> EnqueueAsync(CarteroAppFactory app, string type)
    {
        var client = await app.CreateApiClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = type,
            ["to"] = new JsonObject { ["address"] = "ana@correo.ec", ["name"] = "Ana Pérez" },
            ["subject"] = "Stock bajo de armazones",
            ["text"] = "Quedan 2",
        }, Ct);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
    }

    /// <summary>Fails the email as a send slot would: claimed by a worker id, refused with MailKit's English text.</summary>
    private static Task FailAsWorkerAsync(CarteroAppFactory app, Guid id) => app.WithDbAsync(async db =>
    {
        var machine = app.Services.GetRequiredService<EmailStateMachine>();
        var entry = await db.Emails.SingleAsync(e => e.Id == id, Ct);
        machine.Transition(entry, EmailStatus.Enviando, new TransitionDetail("Reclamado", Actor: "caja-1:4242:a1b2c3:1"));
        machine.Transition(entry, EmailStatus.Fallido, new TransitionDetail(EnglishError, 550, "smtp", Actor: "caja-1:4242:a1b2c3:1"));
        entry.LastError = EnglishError;
        await db.SaveChangesAsync(Ct);
    });

    [Fact]
    public async Task The_log_list_and_detail_show_words_not_codes_and_explain_the_english_error()
    {
        var app = await NewAppAsync();
        var queued = await EnqueueAsync(app, "alerta_stock");
        var failed = await EnqueueAsync(app, "comprobante");
        await FailAsWorkerAsync(app, failed);
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);

        var list = await admin.GetStringAsync("/correos");
        Assert.Contains("<td>Alerta de stock</td>", list);
        Assert.Contains(">En cola</span>", list);
        Assert.Contains(">Fallido</span>", list);
        Assert.Contains("<option value=\"en_cola\">En cola</option>", list);
        Assert.Contains("<option value=\"api\">API (sistema externo)</option>", list);
        Assert.DoesNotContain("<td>alerta_stock</td>", list);
        Assert.DoesNotContain(">en_cola</span>", list);

        var detail = await admin.GetStringAsync($"/correos/{failed}");
        Assert.Contains("Proceso de envío", detail);
        Assert.DoesNotContain(">caja-1:4242:a1b2c3:1<", detail);
        // The provider's text as it came, and what to do about it in Spanish beside it.
        Assert.Contains("Recipient address rejected: User unknown", detail);
        Assert.Contains("El buzón del destinatario no existe: confirme la dirección con la persona y corríjala.", detail);
        Assert.Contains("Comprobante de venta", detail);
        Assert.Contains("En cola", await admin.GetStringAsync($"/correos/{queued}"));
    }

    [Fact]
    public async Task Exports_keep_the_codes_and_add_the_words_beside_them()
    {
        var app = await NewAppAsync();
        var failed = await EnqueueAsync(app, "alerta_stock");
        await FailAsWorkerAsync(app, failed);
        var soporte = await PanelSession.SignInAsync(app, CarteroRoles.Soporte);

        var csv = await soporte.GetStringAsync("/correos/exportar?formato=csv");

        var lines = csv.TrimStart('\uFEFF').TrimEnd().Split("\r\n");
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal("fallido", Cell("estado"));
        Assert.Equal("Fallido", Cell("estado_texto"));
        Assert.Equal("alerta_stock", Cell("tipo_correo"));
        Assert.Equal("Alerta de stock", Cell("tipo_correo_texto"));
        Assert.Equal("api", Cell("origen"));
        Assert.Equal("API (sistema externo)", Cell("origen_texto"));
        Assert.Contains("El buzón del destinatario no existe", lines[1]);
    }
}
