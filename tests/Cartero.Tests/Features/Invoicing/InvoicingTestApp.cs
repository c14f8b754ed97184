using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>Small helpers shared by the puntos de emisión and archive tests: a sale body, submitting it, waiting on it.</summary>
internal static class InvoicingTestApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Dictionary<string, string?> Settings(SriScript sri, bool processor = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.100",
            ["Sri:ProcessorEnabled"] = processor ? "true" : "false",
        };
        foreach (var (k, v) in sri.Settings())
        {
            settings[k] = v;
        }

        return settings;
    }

    public static async Task<HttpClient> ConfigureAsync(CarteroAppFactory app, JsonObject? body = null)
    {
        var admin = await app.CreateApiClientAsync(admin: true);
        var response = await admin.PutAsJsonAsync("/api/v1/settings/invoicing", body ?? SqliteInvoicingTests.SettingsBody(), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return admin;
    }

    public static JsonObject Sale(string? establishment = null, string? point = null, string? reference = null) => new()
    {
        ["buyer"] = new JsonObject
        {
            ["idType"] = "ruc", ["id"] = "1790012344001", ["name"] = "Óptica Los Andes S.A.", ["address"] = "Av. 6 de Diciembre, Quito",
        },
        ["lines"] = new JsonArray(new JsonObject { ["code"] = "ARM-01", ["description"] = "Armazón acetato café", ["quantity"] = 1, ["unitPrice"] = 20, ["tax"] = "iva15" }),
        ["paymentMethod"] = "20",
        ["reference"] = reference,
        ["establishment"] = establishment,
        ["emissionPoint"] = point,
    };

    public static async Task<InvoiceSubmitted> SubmitAsync(HttpClient client, JsonObject sale)
    {
        var response = await client.PostAsJsonAsync("/api/v1/invoices", sale, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<InvoiceSubmitted>(Ct))!;
    }

    public static Task<InvoiceDto> WaitForAsync(HttpClient client, Guid id, Func<InvoiceDto, bool> done, string what) =>
        Eventually.WaitForAsync(async () => (await client.GetFromJsonAsync<InvoiceDto>($"/api/v1/invoices/{id}", Ct))!, done, what, TimeSpan.FromSeconds(60));

    public static async Task<JsonObject> PutAsync(HttpClient admin, string path, JsonObject body, HttpStatusCode expected)
    {
        var response = await admin.PutAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
