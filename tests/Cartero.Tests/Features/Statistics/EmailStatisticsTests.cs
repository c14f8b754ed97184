using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Statistics;
using Cartero.Features.Sending;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cartero.Tests.Features.Statistics;

public abstract class EmailStatisticsTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task Statistics_count_by_state_type_and_ecuadorian_day_with_rates_reasons_and_domains()
    {
        // 2026-11-03 03:00 UTC is still 2 November in Ecuador.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 3, 0, 0, TimeSpan.Zero));
        var app = (await NewAppAsync()).WithTime(time);
        var client = await app.CreateApiClientAsync();
        async Task<Guid> Send(string to, string type)
        {
            var response = await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
            {
                ["type"] = type, ["to"] = new JsonObject { ["address"] = to }, ["subject"] = "s", ["text"] = "t",
            }, Ct);
            return Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
        }

        var a = await Send("ana@correo.ec", "pedido");
        var b = await Send("luis@gmail.com", "pedido");
        time.Advance(TimeSpan.FromHours(6)); // 3 November in Ecuador
        var c = await Send("eva@gmail.com", "alerta_stock");
        await Send("jose@correo.ec", "alerta_stock");

        var machine = app.Services.GetRequiredService<EmailStateMachine>();
        await app.WithDbAsync(async db =>
        {
            var rows = await db.Emails.ToDictionaryAsync(e => e.Id, Ct);
            foreach (var id in new[] { a, b, c })
            {
                machine.Transition(rows[id], EmailStatus.Enviando, new TransitionDetail());
            }

            machine.Transition(rows[a], EmailStatus.Enviado, new TransitionDetail("250 ok", 250, "smtp", 120));
            machine.Transition(rows[b], EmailStatus.Reintento, new TransitionDetail("451 4.7.1 intente luego", 451));
            machine.Transition(rows[b], EmailStatus.Enviando, new TransitionDetail());
            machine.Transition(rows[b], EmailStatus.Fallido, new TransitionDetail("550 5.1.1 usuario desconocido", 550));
            rows[b].LastError = "550 5.1.1 usuario desconocido";
            machine.Transition(rows[c], EmailStatus.Fallido, new TransitionDetail("550 5.1.1 usuario desconocido", 550));
            rows[c].LastError = "550 5.1.1 usuario desconocido";
            await db.SaveChangesAsync(Ct);
        });

        var stats = await client.GetFromJsonAsync<JsonObject>("/api/v1/stats?from=2026-11-01&until=2026-11-04", Ct);

        Assert.Equal(4, (int)stats!["total"]!);
        Assert.Equal(1, (int)stats["byStatus"]!["enviado"]!);
        Assert.Equal(2, (int)stats["byStatus"]!["fallido"]!);
        Assert.Equal(1, (int)stats["byStatus"]!["en_cola"]!);
        Assert.Equal(2, (int)stats["byType"]!["pedido"]!);
        var days = stats["perDay"]!.AsArray();
        Assert.Equal(["2026-11-02", "2026-11-03"], days.Select(d => (string)d!["day"]!));
        Assert.Equal(2, (int)days[0]!["total"]!);
        Assert.Equal(1, (int)days[0]!["failed"]!);
        Assert.Equal(0.5, (double)stats["failureRate"]!);
        Assert.Equal(1, (int)stats["retries"]!);
        var reason = Assert.Single(stats["topFailureReasons"]!.AsArray());
        Assert.Equal(2, (int)reason!["count"]!);
        Assert.StartsWith("550 5.1.1", (string?)reason["reason"]);
        var gmail = stats["failingDomains"]!.AsArray().First()!;
        Assert.Equal("gmail.com", (string?)gmail["domain"]);
        Assert.Equal(2, (int)gmail["failed"]!);

        var slow = Assert.Single(stats["slowestDomains"]!.AsArray());
        Assert.Equal("correo.ec", (string?)slow!["domain"]);
        Assert.Equal(120, (double)slow["averageMs"]!);

        // Folding the appended changes into the daily tables changes nothing that is read.
        const string Url = "/api/v1/stats?from=2026-11-01&until=2026-11-04";
        var beforeFold = await client.GetStringAsync(Url, Ct);
        Assert.True(await app.WithDbAsync(db => db.StatisticsChanges.AnyAsync(Ct)));
        Assert.True(await app.WithDbAsync(db => app.Services.GetRequiredService<StatisticsCompactor>().FoldAsync(db, Ct)));
        Assert.False(await app.WithDbAsync(db => db.StatisticsChanges.AnyAsync(Ct)));
        Assert.Equal(beforeFold, await client.GetStringAsync(Url, Ct));

        // A change after the fold is counted on top of the daily rows: a failure put back in the queue.
        await app.WithDbAsync(async db =>
        {
            var row = await db.Emails.SingleAsync(e => e.Id == c, Ct);
            machine.Transition(row, EmailStatus.EnCola, new TransitionDetail("Reintento manual", Actor: "soporte@optica.ec"));
            await db.SaveChangesAsync(Ct);
        });
        var afterRetry = await client.GetFromJsonAsync<JsonObject>(Url, Ct);
        Assert.Equal(1, (int)afterRetry!["byStatus"]!["fallido"]!);
        Assert.Equal(2, (int)afterRetry["byStatus"]!["en_cola"]!);
        Assert.Equal(1, (int)afterRetry["failingDomains"]!.AsArray().Single(d => (string?)d!["domain"] == "gmail.com")!["failed"]!);
        Assert.Equal(4, (int)afterRetry["total"]!);
        Assert.Equal(1, (int)Assert.Single(afterRetry["topFailureReasons"]!.AsArray())!["count"]!);

        var reversed = await client.GetAsync("/api/v1/stats?from=2026-11-05&until=2026-11-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        var notADay = await client.GetAsync("/api/v1/stats?from=ayer", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notADay.StatusCode);
        var problem = await notADay.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Contains("AAAA-MM-DD", (string?)problem!["errors"]!["from"]![0]);
    }
}

public sealed class SqliteEmailStatisticsTests() : EmailStatisticsTests(null);

public sealed class PostgresEmailStatisticsTests(PostgresCluster postgres) : EmailStatisticsTests(postgres);
