using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Cartero.Features.Invoicing;
using Cartero.Platform.Cli;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>The contador's archive: exactly the period's authorised comprobantes, each file's sha256 in the index, as a streamed ZIP and to a folder.</summary>
public abstract class InvoiceArchiveTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task A_months_archive_holds_exactly_its_authorised_invoices_and_the_index_hashes_match()
    {
        await using var sri = new SriScript();
        var app = await NewAppAsync(InvoicingTestApp.Settings(sri));
        await InvoicingTestApp.ConfigureAsync(app);
        var erp = await app.CreateApiClientAsync();
        var authorised = new List<InvoiceSubmitted>();
        for (var i = 0; i < 3; i++)
        {
            var s = await InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale(reference: $"V-{i}"));
            await InvoicingTestApp.WaitForAsync(erp, s.Id, x => x.Status == "autorizada", "la factura autorizada");
            authorised.Add(s);
        }

        sri.NextAuthorization(sri.NoAutorizado);
        var refused = await InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale(reference: "V-NO"));
        await InvoicingTestApp.WaitForAsync(erp, refused.Id, x => x.Status == "no_autorizada", "la factura no autorizada");
        var issued = await app.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => i.Id == authorised[0].Id).Select(i => i.IssueDate).SingleAsync(Ct));
        var month = new DateOnly(issued.Year, issued.Month, 1);
        var previous = month.AddMonths(-1);
        // The third was issued on the last day of the previous month.
        await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == authorised[2].Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.IssueDate, month.AddDays(-1)), Ct));

        var zip = await GetZipAsync(erp, month);
        var index = ReadIndex(zip);
        Assert.Equal(new[] { authorised[0].AccessKey, authorised[1].AccessKey }.Order(StringComparer.Ordinal), index.Select(r => r["clave_acceso"]).Order(StringComparer.Ordinal));
        Assert.Equal(5, zip.Entries.Count);
        foreach (var row in index)
        {
            Assert.Equal(row["sha256_xml"], Sha256(zip, row["archivo_xml"]));
            Assert.Equal(row["sha256_ride"], Sha256(zip, row["archivo_ride"]));
            Assert.Contains("<estado>AUTORIZADO</estado>", ReadText(zip, row["archivo_xml"]), StringComparison.Ordinal);
            Assert.StartsWith("%PDF", ReadText(zip, row["archivo_ride"]), StringComparison.Ordinal);
            Assert.Equal("23.00", row["importe_total"]);
            Assert.Equal("factura", row["tipo"]);
        }

        Assert.DoesNotContain(index, r => r["clave_acceso"] == refused.AccessKey);
        var before = ReadIndex(await GetZipAsync(erp, previous));
        Assert.Equal(authorised[2].AccessKey, Assert.Single(before)["clave_acceso"]);

        var bad = await erp.GetAsync("/api/v1/invoices/archive?month=noviembre", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("aaaa-mm", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "archivar_comprobantes", Ct)));

        // The verb writes the same period to a folder.
        var folder = Path.Combine(Path.GetTempPath(), "cartero-archivo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await CliModule.RunAsync(app.Services,
                ["invoices", "archive", "--from", previous.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--to", month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--out", folder],
                output, error);
            Assert.True(exit == 0, output + error.ToString());
            var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
            Assert.Equal(7, files.Count);
            var rows = ParseCsv(File.ReadAllText(Path.Combine(folder, "indice.csv")));
            Assert.Equal(3, rows.Count);
            foreach (var row in rows)
            {
                Assert.Equal(row["sha256_xml"], Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, row["archivo_xml"])))));
                Assert.Equal(row["sha256_ride"], Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, row["archivo_ride"])))));
            }

            Assert.Equal(2, (await RunAsync(app, "invoices", "archive", "--from", "2026-11-01")).Exit);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_ride_that_cannot_be_drawn_does_not_cut_the_archive_short_and_errores_txt_says_why()
    {
        await using var sri = new SriScript();
        var app = await NewAppAsync(InvoicingTestApp.Settings(sri));
        await InvoicingTestApp.ConfigureAsync(app);
        var erp = await app.CreateApiClientAsync();
        var authorised = new List<InvoiceSubmitted>();
        for (var i = 0; i < 3; i++)
        {
            var s = await InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale(reference: $"V-{i}"));
            await InvoicingTestApp.WaitForAsync(erp, s.Id, x => x.Status == "autorizada", "la factura autorizada");
            authorised.Add(s);
        }

        // The first one's stored document is damaged: its RIDE cannot be drawn.
        await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == authorised[0].Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.AuthorizedXml, "esto no es XML"), Ct));
        var issued = await app.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => i.Id == authorised[1].Id).Select(i => i.IssueDate).SingleAsync(Ct));

        var zip = await GetZipAsync(erp, new DateOnly(issued.Year, issued.Month, 1));
        var index = ReadIndex(zip);
        Assert.Equal(authorised.Select(a => a.AccessKey).Order(StringComparer.Ordinal), index.Select(r => r["clave_acceso"]).Order(StringComparer.Ordinal));
        foreach (var row in index.Where(r => r["clave_acceso"] != authorised[0].AccessKey))
        {
            Assert.Equal(row["sha256_ride"], Sha256(zip, row["archivo_ride"]));
            Assert.StartsWith("%PDF", ReadText(zip, row["archivo_ride"]), StringComparison.Ordinal);
        }

        var broken = index.Single(r => r["clave_acceso"] == authorised[0].AccessKey);
        Assert.Equal("", broken["archivo_ride"]);
        Assert.Equal(broken["sha256_xml"], Sha256(zip, broken["archivo_xml"]));
        Assert.Null(zip.GetEntry($"RIDE-factura-{authorised[0].Number}.pdf"));
        // Three XML, two RIDE, the index and ERRORES.txt.
        Assert.Equal(7, zip.Entries.Count);
        var errors = ReadText(zip, "ERRORES.txt");
        Assert.Contains($"Factura {authorised[0].Number}", errors, StringComparison.Ordinal);
        Assert.Contains(authorised[0].AccessKey, errors, StringComparison.Ordinal);
        Assert.Contains("no se pudo generar", errors, StringComparison.Ordinal);
        Assert.DoesNotContain(authorised[1].Number, errors, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "archivar_comprobantes", Ct));
        Assert.Contains(authorised[0].AccessKey, audit.Details, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(CarteroAppFactory app, params string[] args)
    {
        var output = new StringWriter();
        var exit = await CliModule.RunAsync(app.Services, args, output, output);
        return (exit, output.ToString());
    }

    private static async Task<ZipArchive> GetZipAsync(HttpClient client, DateOnly month)
    {
        var response = await client.GetAsync($"/api/v1/invoices/archive?month={month:yyyy-MM}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), ZipArchiveMode.Read);
    }

    private static List<Dictionary<string, string>> ReadIndex(ZipArchive zip) => ParseCsv(ReadText(zip, "indice.csv"));

    private static string ReadText(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static string Sha256(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The index has no quoted commas in these tests' values except the buyer's name, which is quoted when needed.</summary>
    private static List<Dictionary<string, string>> ParseCsv(string csv)
    {
        var lines = csv.TrimStart('\uFEFF').TrimEnd().Split("\r\n");
        var header = Split(lines[0]);
        return [.. lines.Skip(1).Select(l => header.Zip(Split(l)).ToDictionary(p => p.First, p => p.Second))];
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }
}

public sealed class SqliteInvoiceArchiveTests() : InvoiceArchiveTests(null);

public sealed class PostgresInvoiceArchiveTests(PostgresCluster postgres) : InvoiceArchiveTests(postgres);
