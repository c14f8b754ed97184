using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Cartero.Tests.Features.Logs;

public sealed class EmailLogExportTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> SeedAsync()
    {
        var client = await _app.CreateApiClientAsync(name: "auditoria");
        string[] subjects = ["Su pedido, \"urgente\"", "=HYPERLINK(\"http://x\")", "Aviso normal"];
        for (var i = 0; i < subjects.Length; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/emails", new JsonObject
            {
                ["type"] = "aviso_administrativo",
                ["to"] = new JsonObject { ["address"] = i == 2 ? "luis@correo.ec" : "ana@correo.ec", ["name"] = "Ana Pérez" },
                ["subject"] = subjects[i],
                ["text"] = "Texto",
            }, Ct)).EnsureSuccessStatusCode();
        }

        return client;
    }

    [Fact]
    public async Task Csv_export_has_the_table_columns_exactly_the_filtered_rows_and_is_audited()
    {
        var client = await SeedAsync();

        var response = await client.GetAsync("/api/v1/emails/export?format=csv&to=ana@correo.ec", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).TrimEnd().Split("\r\n");
        Assert.StartsWith("id,fecha_hora,tipo_correo,destinatario_tipo,destinatario_id,correo_destino,nombre_destino", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("\"Su pedido, \"\"urgente\"\"\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("luis@correo.ec", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains("Ana Pérez", l));

        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "exportar_correos").ToListAsync(Ct));
        var entry = Assert.Single(audit);
        Assert.Equal("apikey:auditoria", entry.Actor);
        Assert.Contains("\"filas\":2", entry.Details);
        Assert.Contains("ana@correo.ec", entry.Details);
    }

    [Fact]
    public async Task Xlsx_export_reads_back_with_the_same_rows()
    {
        var client = await SeedAsync();

        var response = await client.GetAsync("/api/v1/emails/export?format=xlsx", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["ana@correo.ec", "ana@correo.ec", "luis@correo.ec"], rows.Select(r => (string)r["correo_destino"]!).Order());
        Assert.All(rows, r => Assert.Equal("en_cola", r["estado"]));
        // Real cells: a date a spreadsheet can sort and filter (Ecuador's time, the header says so) and a number.
        var stored = await _app.WithDbAsync(db => db.Emails.Select(e => new { e.ToAddress, e.RequestedAt, e.Subject }).ToListAsync(Ct));
        foreach (var row in rows)
        {
            var requested = Assert.IsType<DateTime>(row["fecha_hora (hora de Ecuador)"]);
            var original = stored.Single(s => s.Subject == (string)row["asunto"]!).RequestedAt;
            Assert.Equal(original.AddHours(-5), requested, TimeSpan.FromMilliseconds(1));
            Assert.Equal(0d, Convert.ToDouble(row["intentos"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.IsNotType<string>(row["intentos"]);
        }
    }

    [Fact]
    public async Task Csv_times_are_ecuadors_with_the_offset_and_a_semicolon_separator_can_be_chosen()
    {
        var client = await SeedAsync();
        var stored = await _app.WithDbAsync(db => db.Emails.OrderByDescending(e => e.RequestedAt).Select(e => e.RequestedAt).FirstAsync(Ct));

        var text = await client.GetStringAsync("/api/v1/emails/export?format=csv&separator=semicolon", Ct);

        var lines = text.TrimStart('\uFEFF').TrimEnd().Split("\r\n");
        Assert.StartsWith("id;fecha_hora;tipo_correo;", lines[0]);
        var first = lines[1].Split(';');
        Assert.Equal(stored.AddHours(-5).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + "-05:00", first[1]);
        Assert.Contains(lines, l => l.Contains(";\"Su pedido, \"\"urgente\"\"\";", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/emails/export?format=csv&separator=tab", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_format_is_refused()
    {
        var client = await _app.CreateApiClientAsync();
        var response = await client.GetAsync("/api/v1/emails/export?format=pdf", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
