using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Platform;

/// <summary>
/// PostgreSQL stopped under a running app (a cluster of the test's own, so the shared one keeps serving the other
/// suites): enqueue answers 503 with <c>Retry-After</c> and <c>/health</c> is Unhealthy; started again, the same
/// process answers and enqueues without a restart.
/// </summary>
public sealed class PostgresDatabaseFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopped_server_answers_503_and_the_app_recovers_when_it_is_back()
    {
        await using var cluster = new PostgresCluster();
        var cs = await cluster.CreateDatabaseAsync("cartero", Ct);
        await using var app = new CarteroAppFactory(cs);
        var client = await app.CreateApiClientAsync();
        var health = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/health", Ct)).StatusCode);

        await cluster.StopAsync(Ct);
        try
        {
            var enqueue = await client.PostAsJsonAsync("/api/v1/emails", Body(), Ct);
            var batch = await client.PostAsJsonAsync("/api/v1/emails/batch", new JsonObject { ["emails"] = new JsonArray(Body()) }, Ct);
            var report = await health.GetAsync("/health", Ct);

            foreach (var response in new[] { enqueue, batch })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
                Assert.Contains("Vuelva a intentar", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]);
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
            Assert.Equal("Unhealthy", (string?)(await report.Content.ReadFromJsonAsync<JsonObject>(Ct))!["checks"]!["base_de_datos"]!["status"]);
        }
        finally
        {
            await cluster.RestartAsync(Ct);
        }

        // Connections broken by the stop are dropped as they are found; the app needs no restart.
        await Eventually.WaitForAsync(() => health.GetAsync("/health", Ct), r => r.StatusCode == HttpStatusCode.OK, "/health vuelve a Healthy");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/emails", Body(), Ct)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
    }

    private static JsonObject Body() => new()
    {
        ["type"] = "aviso_administrativo",
        ["to"] = new JsonObject { ["address"] = "ana@correo.ec", ["kind"] = "cliente" },
        ["subject"] = "Su pedido está listo",
        ["text"] = "Puede retirarlo en la sucursal.",
    };
}
