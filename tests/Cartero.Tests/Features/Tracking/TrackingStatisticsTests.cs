using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Tracking;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Features.Tracking;

public abstract class TrackingStatisticsTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task Bounce_and_open_rates_come_from_the_applied_reports()
    {
        var app = await NewAppAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await DeliveryReportApplierTests.SentEmailAsync(app, $"cliente{i}@correo.ec"));
        }

        var client = await app.CreateApiClientAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5));
        var range = $"/api/v1/stats?from={today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&until={today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var before = await client.GetFromJsonAsync<JsonObject>(range, Ct);
        Assert.Equal((0.0, 0.0), ((double)before!["bounceRate"]!, (double)before["openRate"]!));

        var at = DateTime.UtcNow;
        await DeliveryReportApplierTests.ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Delivered, at, DeliveryReportSource.Webhook, EmailId: ids[0]));
        await DeliveryReportApplierTests.ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Opened, at.AddMinutes(1), DeliveryReportSource.Pixel, EmailId: ids[0]));
        await DeliveryReportApplierTests.ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Opened, at, DeliveryReportSource.Webhook, EmailId: ids[1]));
        await DeliveryReportApplierTests.ApplyAsync(app, new DeliveryReport(DeliveryReportKind.Delivered, at.AddMinutes(2), DeliveryReportSource.Webhook, EmailId: ids[1]));
        await DeliveryReportApplierTests.ApplyAsync(app, new DeliveryReport(DeliveryReportKind.BouncedHard, at, DeliveryReportSource.Dsn, EmailId: ids[2], ServerText: "550 5.1.1 User unknown"));
        await DeliveryReportApplierTests.ApplyAsync(app, new DeliveryReport(DeliveryReportKind.DeferredSoft, at, DeliveryReportSource.Dsn, EmailId: ids[3], ServerText: "451 4.2.2 Mailbox full"));

        var stats = await client.GetFromJsonAsync<JsonObject>(range, Ct);
        Assert.Equal(0.25, (double)stats!["bounceRate"]!);
        Assert.Equal(0.5, (double)stats["openRate"]!);
        Assert.Equal(2, (int)stats["byStatus"]!["abierto"]!);
        Assert.Equal(1, (int)stats["byStatus"]!["rebotado"]!);
        Assert.Equal(1, (int)stats["byStatus"]!["enviado"]!);
    }
}

public sealed class SqliteTrackingStatisticsTests() : TrackingStatisticsTests(null);

public sealed class PostgresTrackingStatisticsTests(PostgresCluster postgres) : TrackingStatisticsTests(postgres);
