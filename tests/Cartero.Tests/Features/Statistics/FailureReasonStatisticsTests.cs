using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cartero.Features.Sending;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Statistics;

/// <summary>
/// "Motivos de falla" groups by the normalised reason (reply codes and explanation), not by the refused address;
/// without JavaScript the chart areas hold their figures as text.
/// </summary>
public abstract partial class FailureReasonStatisticsTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static async Task FailedAsync(CarteroAppFactory app, string address, string error)
    {
        var client = await app.CreateApiClientAsync(name: "erp-" + Guid.NewGuid().ToString("N")[..6]);
        var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "comprobante", ["to"] = new JsonObject { ["address"] = address }, ["subject"] = "Su comprobante", ["text"] = "Adjunto",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
        await app.WithDbAsync(async db =>
        {
            var machine = app.Services.GetRequiredService<EmailStateMachine>();
            var entry = await db.Emails.SingleAsync(e => e.Id == id, Ct);
            machine.Transition(entry, EmailStatus.Enviando, new TransitionDetail(Actor: "w"));
            machine.Transition(entry, EmailStatus.Fallido, new TransitionDetail(error, 550, "smtp"));
            entry.LastError = error;
            await db.SaveChangesAsync(Ct);
        });
    }

    [Fact]
    public async Task Failures_of_one_cause_at_different_addresses_are_one_reason()
    {
        var app = await NewAppAsync();
        await FailedAsync(app, "ana@correo.ec", "550 5.1.1 <ana@correo.ec>: Recipient address rejected: User unknown");
        await FailedAsync(app, "luis@gmail.com", "550 5.1.1 <luis@gmail.com>: Recipient address rejected: User unknown");
        await FailedAsync(app, "rosa@correo.ec", "554 5.7.1 <rosa@correo.ec>: Message rejected as spam");
        var gerente = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);

        var page = await gerente.GetStringAsync("/estadisticas");

        var reasons = page[page.IndexOf("Motivos de falla", StringComparison.Ordinal)..page.IndexOf("Dominios con fallas", StringComparison.Ordinal)];
        var rows = RowPattern().Matches(reasons).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
        Assert.Equal(
            [
                ("El buzón del destinatario no existe: confirme la dirección con la persona y corríjala.", "550 5.1.1", "2"),
                ("El servidor del destinatario rechazó el correo por sus políticas (spam, SPF/DKIM/DMARC o lista de bloqueo): pida a soporte revisar la configuración del dominio remitente.", "554 5.7.1", "1"),
            ],
            rows);
        Assert.DoesNotContain("ana@correo.ec", reasons);

        // Without JavaScript the chart areas already hold their figures.
        var perDay = page[page.IndexOf("id=\"grafico-dias\"", StringComparison.Ordinal)..];
        perDay = perDay[..perDay.IndexOf("</div>", StringComparison.Ordinal)];
        Assert.Matches(@"<li>\d\d/\d\d/\d{4}: 0 enviados, 3 fallidos, 0 en proceso</li>", perDay);
        var perType = page[page.IndexOf("id=\"grafico-tipos\"", StringComparison.Ordinal)..];
        perType = perType[..perType.IndexOf("</div>", StringComparison.Ordinal)];
        Assert.Contains("<li>Comprobante de venta: 3</li>", perType);
        Assert.DoesNotContain("<canvas", page);
    }

    [GeneratedRegex("<tr><td>([^<]*)</td><td>([^<]*)</td><td>(\\d+)</td></tr>")]
    private static partial Regex RowPattern();
}

public sealed class SqliteFailureReasonStatisticsTests() : FailureReasonStatisticsTests(null);

public sealed class PostgresFailureReasonStatisticsTests(PostgresCluster postgres) : FailureReasonStatisticsTests(postgres);
