using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Sending;
using Cartero.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cartero.Tests.Features.Logs;

public abstract class EmailLogApiTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static JsonObject Body(string to, string type = "aviso_administrativo", string? entityId = null) => new()
    {
        ["type"] = type,
        ["to"] = new JsonObject { ["address"] = to, ["kind"] = "cliente", ["id"] = "C-" + to[0] },
        ["entity"] = entityId is null ? null : new JsonObject { ["type"] = "venta", ["id"] = entityId },
        ["subject"] = "Aviso",
        ["text"] = "Texto",
    };

    [Fact]
    public async Task The_list_is_newest_first_filtered_and_paginated_without_gaps_or_repeats()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));
        var app = (await NewAppAsync()).WithTime(time);
        var client = await app.CreateApiClientAsync();
        var created = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var to = i % 3 == 0 ? "ana@optica.ec" : "luis@optica.ec";
            var response = await client.PostAsJsonAsync("/api/v1/emails", Body(to, entityId: i % 2 == 0 ? "V-1" : "V-2"), Ct);
            created.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
            // Several rows share a timestamp, so the id must break ties in the cursor.
            if (i % 4 == 0)
            {
                time.Advance(TimeSpan.FromMinutes(30));
            }
        }

        var seen = new List<(DateTime At, string Id)>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/api/v1/emails?limit=5{(cursor is null ? "" : "&after=" + cursor)}", Ct);
            seen.AddRange(page!["items"]!.AsArray().Select(i => ((DateTime)i!["requestedAt"]!, (string)i["id"]!)));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        Assert.Equal(created.Order(), seen.Select(s => s.Id).Order());
        // Newest first; rows of the same instant come in descending id order, which is what the cursor relies on.
        for (var i = 1; i < seen.Count; i++)
        {
            var (prev, cur) = (seen[i - 1], seen[i]);
            Assert.True(prev.At > cur.At || (prev.At == cur.At && string.CompareOrdinal(prev.Id, cur.Id) > 0), $"Orden incorrecto en la posición {i}");
        }

        var ana = await client.GetFromJsonAsync<JsonObject>("/api/v1/emails?to=ana@optica.ec&limit=200", Ct);
        Assert.Equal(8, ana!["items"]!.AsArray().Count);
        Assert.All(ana["items"]!.AsArray(), i => Assert.Equal("ana@optica.ec", (string?)i!["to"]));

        var byEntity = await client.GetFromJsonAsync<JsonObject>("/api/v1/emails?entityType=venta&entityId=V-2&limit=200", Ct);
        Assert.Equal(11, byEntity!["items"]!.AsArray().Count);

        var window = await client.GetFromJsonAsync<JsonObject>("/api/v1/emails?from=2026-11-02T15:30:00Z&until=2026-11-02T16:30:00Z&limit=200", Ct);
        Assert.Equal(8, window!["items"]!.AsArray().Count);

        var none = await client.GetFromJsonAsync<JsonObject>("/api/v1/emails?status=fallido&type=aviso_administrativo&origin=api", Ct);
        Assert.Empty(none!["items"]!.AsArray());
        Assert.Null((string?)none["nextCursor"]);
    }

    [Theory]
    [InlineData("status=sent", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("from=ayer", "from")]
    [InlineData("after=xyz", "after")]
    [InlineData("origin=web", "origin")]
    [InlineData("from=2026-11-03&until=2026-11-02", "until")]
    public async Task Bad_filters_are_refused_field_by_field(string query, string field)
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();

        var response = await client.GetAsync($"/api/v1/emails?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task The_detail_has_the_row_and_its_events_and_unknown_ids_are_404()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync();
        var created = await (await client.PostAsJsonAsync("/api/v1/emails", Body("ana@optica.ec"), Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);

        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/v1/emails/{created!["id"]}", Ct);

        Assert.Equal("en_cola", (string?)detail!["email"]!["status"]);
        Assert.Equal("ana@optica.ec", (string?)detail["email"]!["to"]);
        var evt = Assert.Single(detail["events"]!.AsArray());
        Assert.Equal("en_cola", (string?)evt!["status"]);

        var missing = await client.GetAsync($"/api/v1/emails/{Guid.CreateVersion7()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_failed_email_is_retried_once_by_hand_and_the_actor_is_recorded()
    {
        var app = await NewAppAsync();
        var client = await app.CreateApiClientAsync(name: "soporte-erp");
        var created = await (await client.PostAsJsonAsync("/api/v1/emails", Body("ana@optica.ec"), Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        var id = Guid.Parse((string)created!["id"]!);

        var early = await client.PostAsync($"/api/v1/emails/{id}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await app.WithDbAsync(async db =>
        {
            var machine = app.Services.GetRequiredService<EmailStateMachine>();
            var entry = await db.Emails.FindAsync([id], Ct);
            machine.Transition(entry!, EmailStatus.Enviando, new TransitionDetail(Actor: "w"));
            machine.Transition(entry!, EmailStatus.Fallido, new TransitionDetail("550 5.1.1 usuario desconocido", 550, "smtp"));
            entry!.Attempts = 1;
            await db.SaveChangesAsync(Ct);
        });

        var retry = await client.PostAsync($"/api/v1/emails/{id}/retry", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/v1/emails/{id}", Ct);
        Assert.Equal("en_cola", (string?)detail!["email"]!["status"]);
        var last = detail["events"]!.AsArray().Last()!;
        Assert.Equal("fallido", (string?)last["previousStatus"]);
        Assert.Equal("apikey:soporte-erp", (string?)last["actor"]);
        Assert.Contains("Reintento manual", (string?)last["detail"]);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/emails/{Guid.CreateVersion7()}/retry", null, Ct)).StatusCode);
    }
}

public sealed class SqliteEmailLogApiTests() : EmailLogApiTests(null);

public sealed class PostgresEmailLogApiTests(PostgresCluster postgres) : EmailLogApiTests(postgres);
