using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Platform;

public sealed class HealthAndOpenApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_reports_the_database_the_queue_and_the_pickup_provider_by_default()
    {
        await using var app = new CarteroAppFactory();
        var client = app.CreateClient();
        var api = await app.CreateApiClientAsync();
        await api.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "aviso_administrativo", ["to"] = new JsonObject { ["address"] = "a@optica.ec" }, ["subject"] = "s", ["text"] = "t",
        }, Ct);

        var response = await client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("Healthy", (string?)health!["status"]);
        Assert.Equal("Healthy", (string?)health["checks"]!["base_de_datos"]!["status"]);
        var queue = health["checks"]!["cola"]!["data"]!;
        Assert.Equal(1, (int)queue["en_cola"]!);
        Assert.Equal("pickup", (string?)queue["proveedor"]);
        Assert.Equal("cerrado", (string?)queue["circuito"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_v1_endpoints()
    {
        await using var app = new CarteroAppFactory();
        var doc = await app.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json", Ct);

        var paths = doc!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/emails"));
        Assert.True(paths.ContainsKey("/api/v1/emails/{id}"));
        Assert.True(paths.ContainsKey("/api/v1/emails/{id}/retry"));
        Assert.NotNull(paths["/api/v1/emails"]!["post"]);
    }
}
