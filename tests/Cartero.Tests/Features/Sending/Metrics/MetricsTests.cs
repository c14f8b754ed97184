using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cartero.Features.Sending;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Sending.Metrics;

/// <summary><c>/metrics</c> scraped and parsed after real sends (pickup provider), on both engines.</summary>
public abstract partial class MetricsTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task The_scrape_counts_real_sends_and_shows_the_circuit_closed()
    {
        var app = await NewAppAsync(new Dictionary<string, string?>
        {
            ["Cartero:Worker:Enabled"] = "true",
            ["Cartero:Worker:PollInterval"] = "00:00:00.100",
        });
        var api = await app.CreateApiClientAsync();
        for (var i = 0; i < 3; i++)
        {
            var sent = await api.PostAsJsonAsync("/api/v1/emails", new JsonObject
            {
                ["type"] = "aviso_administrativo", ["to"] = new JsonObject { ["address"] = $"m{i}@optica.ec" }, ["subject"] = "s", ["text"] = "t",
            }, Ct);
            sent.EnsureSuccessStatusCode();
        }

        await Eventually.WaitForAsync(
            () => app.WithDbAsync(db => db.Emails.CountAsync(e => e.Status == EmailStatus.Enviado, Ct)), n => n == 3, "tres correos enviados", TimeSpan.FromMinutes(1));

        var samples = await ScrapeAsync(app);

        Assert.Equal(3, Sum(samples, "cartero_emails_attempts_total", "estado=\"enviado\""));
        Assert.Equal(3, Sum(samples, "cartero_emails_send_duration_milliseconds_count", "estado=\"enviado\""));
        Assert.Equal(0, Sum(samples, "cartero_queue_depth", "estado=\"en_cola\""));
        Assert.Equal(0, Sum(samples, "cartero_circuit_open", "proveedor=\"pickup\""));
    }

    [Fact]
    public async Task The_scrape_shows_the_waiting_queue_and_manual_retries()
    {
        var app = await NewAppAsync(); // no worker: what is queued stays queued
        var api = await app.CreateApiClientAsync();
        for (var i = 0; i < 2; i++)
        {
            (await api.PostAsJsonAsync("/api/v1/emails", new JsonObject
            {
                ["type"] = "aviso_administrativo", ["to"] = new JsonObject { ["address"] = $"q{i}@optica.ec" }, ["subject"] = "s", ["text"] = "t",
            }, Ct)).EnsureSuccessStatusCode();
        }

        var failed = await app.AddFailedEmailAsync("vendedor@optica.ec");
        (await api.PostAsync($"/api/v1/emails/{failed}/retry", null, Ct)).EnsureSuccessStatusCode();

        var samples = await ScrapeAsync(app);

        Assert.Equal(3, Sum(samples, "cartero_queue_depth", "estado=\"en_cola\""));
        Assert.Equal(0, Sum(samples, "cartero_queue_depth", "estado=\"enviando\""));
        Assert.Equal(1, Sum(samples, "cartero_emails_manual_retries_total"));
        Assert.True(Sum(samples, "cartero_queue_oldest_due_age_seconds") >= 0);
        Assert.Contains(samples, s => s.Name == "cartero_queue_oldest_due_age_seconds");
        Assert.Equal(0, Sum(samples, "cartero_emails_attempts_total"));
    }

    private static async Task<List<Sample>> ScrapeAsync(CarteroAppFactory app)
    {
        var admin = await app.CreateApiClientAsync(admin: true, name: "prometheus");
        var scrape = await admin.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType!.MediaType);
        return Parse(await scrape.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Only_admins_scrape()
    {
        var app = await NewAppAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/metrics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.CreateApiClientAsync()).GetAsync("/metrics", Ct)).StatusCode);
        var support = await PanelSession.SignInAsync(app, "soporte");
        Assert.Equal(HttpStatusCode.Forbidden, (await support.Client.GetAsync("/metrics", Ct)).StatusCode);
        var admin = await PanelSession.SignInAsync(app, "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/metrics", Ct)).StatusCode);
    }

    private static double Sum(IEnumerable<Sample> samples, string name, string? label = null) =>
        samples.Where(s => s.Name == name && (label is null || s.Labels.Contains(label, StringComparison.Ordinal))).Sum(s => s.Value);

    private static List<Sample> Parse(string text) =>
        [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => SampleLine().Match(l)).Where(m => m.Success)
            .Select(m => new Sample(m.Groups["name"].Value, m.Groups["labels"].Value, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>[-+0-9.eE]+|NaN|\+Inf)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    private sealed record Sample(string Name, string Labels, double Value);
}

public sealed class SqliteMetricsTests() : MetricsTests(null);

public sealed class PostgresMetricsTests(PostgresCluster postgres) : MetricsTests(postgres);
