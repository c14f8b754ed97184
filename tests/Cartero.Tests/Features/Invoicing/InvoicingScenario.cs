using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>
/// What the invoicing suites of "emitir de nuevo" and the delivery watch share: an app wired to the SRI stand-in and
/// a real SMTP peer, the issuer's settings, a sale, and waiting for an invoice to settle.
/// </summary>
public abstract class InvoicingScenario(PostgresCluster? postgres) : AppTestBase(postgres)
{
    protected const string BuyerEmail = "compras@optica-los-andes.ec";

    private protected async Task<CarteroAppFactory> AppAsync(SriScript sri, SmtpPeer? smtp, IDictionary<string, string?>? extra = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.100",
        };
        foreach (var (k, v) in sri.Settings().Concat(extra ?? new Dictionary<string, string?>()))
        {
            settings[k] = v;
        }

        var app = await NewAppAsync(settings);
        if (time is not null)
        {
            app.WithTime(time);
        }

        if (smtp is not null)
        {
            await app.ConfigureSmtpAsync(smtp.Port);
        }

        var admin = await app.CreateApiClientAsync(admin: true);
        var response = await admin.PutAsJsonAsync("/api/v1/settings/invoicing", InvoicingTests.SettingsBody(), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return app;
    }

    protected static JsonObject Sale(string? email = BuyerEmail, bool finalConsumer = false, string? customerId = "C-77") => new()
    {
        ["buyer"] = finalConsumer
            ? (email is null ? null : new JsonObject { ["idType"] = "consumidor_final", ["email"] = email })
            : new JsonObject
            {
                ["idType"] = "ruc", ["id"] = "1790012344001", ["name"] = "Óptica Los Andes S.A.", ["email"] = email,
                ["address"] = "Av. 6 de Diciembre, Quito", ["customerId"] = customerId,
            },
        ["lines"] = new JsonArray(
            new JsonObject { ["code"] = "ARM-01", ["description"] = "Armazón acetato café", ["quantity"] = 1, ["unitPrice"] = 20, ["tax"] = "iva15" },
            new JsonObject { ["code"] = "LC-30", ["description"] = "Lentes de contacto mensuales", ["quantity"] = 2, ["unitPrice"] = 5.5, ["discount"] = 1, ["tax"] = "iva0" }),
        ["paymentMethod"] = "19",
        ["reference"] = "VENTA-2001",
    };

    protected static Task<InvoiceDto> WaitForAsync(HttpClient client, Guid id, Func<InvoiceDto, bool> done, string what) =>
        Eventually.WaitForAsync(async () => (await client.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{id}", Ct))!, done, what, TimeSpan.FromSeconds(60));

    protected static async Task<InvoiceSubmitted> SubmitAsync(HttpClient client, JsonObject sale)
    {
        var response = await client.PostAsJsonAsync("/api/v1/invoices", sale, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<InvoiceSubmitted>(Ct))!;
    }

    protected static DateOnly EcuadorToday(TimeProvider? time = null) =>
        DateOnly.FromDateTime((time ?? TimeProvider.System).GetUtcNow().UtcDateTime.AddHours(-5));
}

/// <summary>The system clock moved by <see cref="Offset"/>: "25 hours later" without waiting, while timers stay real.</summary>
internal sealed class MovableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
