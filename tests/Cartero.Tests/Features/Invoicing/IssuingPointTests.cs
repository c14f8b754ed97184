using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Platform.Identity;
using Cartero.Tests.Features.Store;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>Several establecimientos and puntos de emisión: each punto numbers on its own, with its establecimiento's address, on both engines.</summary>
public abstract class IssuingPointTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private const string Establishments = "/api/v1/settings/invoicing/establishments";

    private static async Task AddNorthAsync(HttpClient admin, string layout = "a4", params string[] users)
    {
        await InvoicingTestApp.PutAsync(admin, $"{Establishments}/002",
            new JsonObject { ["name"] = "Sucursal Norte", ["address"] = "Av. de la Prensa N58-12, Quito" }, HttpStatusCode.OK);
        await InvoicingTestApp.PutAsync(admin, $"{Establishments}/002/points/001", new JsonObject
        {
            ["description"] = "Caja 1 Norte", ["rideLayout"] = layout, ["users"] = new JsonArray([.. users.Select(u => JsonValue.Create(u))]),
        }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_invoice_issued_again_keeps_its_establecimientos_address()
    {
        await using var sri = new SriScript();
        sri.NextReception(clave => SriScript.Devuelta(clave, "45", "SECUENCIAL REGISTRADO"));
        var app = await NewAppAsync(InvoicingTestApp.Settings(sri));
        var admin = await InvoicingTestApp.ConfigureAsync(app);
        await AddNorthAsync(admin);
        var erp = await app.CreateApiClientAsync();
        var submitted = await InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale("002", "001", "NORTE-45"));
        await InvoicingTestApp.WaitForAsync(erp, submitted.Id, i => i.Status == "devuelta", "la factura del norte devuelta con 45");

        var response = await erp.PostAsJsonAsync($"/api/v1/invoices/{submitted.Id}/reissue", new JsonObject { ["reason"] = "secuencial ya usado" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var replacement = (await response.Content.ReadFromJsonAsync<Cartero.Features.Invoicing.InvoiceReissueResult>(Ct))!.Replacement;
        Assert.StartsWith("002-001-", replacement.Number, StringComparison.Ordinal);
        await InvoicingTestApp.WaitForAsync(erp, replacement.Id, i => i.Status == "autorizada", "la factura emitida de nuevo, autorizada");
        Assert.Contains("<dirEstablecimiento>Av. de la Prensa N58-12, Quito</dirEstablecimiento>", sri.Received[replacement.AccessKey], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_puntos_get_independent_gap_free_secuenciales_under_concurrency()
    {
        await using var sri = new SriScript();
        var app = await NewAppAsync(InvoicingTestApp.Settings(sri, processor: false));
        var admin = await InvoicingTestApp.ConfigureAsync(app);
        await AddNorthAsync(admin);
        var erp = await app.CreateApiClientAsync();
        const int each = 20;

        var submitted = await Task.WhenAll(Enumerable.Range(0, 2 * each).Select(i => i % 2 == 0
            ? InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale(reference: $"MATRIZ-{i}"))
            : InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale("002", "001", $"NORTE-{i}"))));

        var rows = await app.WithDbAsync(db => db.Invoices.AsNoTracking()
            .Select(i => new { i.Establishment, i.EmissionPoint, i.Sequential, i.GeneratedXml, i.ExternalReference }).ToListAsync(Ct));
        var main = rows.Where(r => r.Establishment == "001" && r.EmissionPoint == "002").Select(r => r.Sequential).Order().ToList();
        var north = rows.Where(r => r.Establishment == "002" && r.EmissionPoint == "001").Select(r => r.Sequential).Order().ToList();
        Assert.Equal(Enumerable.Range(1, each).Select(n => (long)n), main);
        Assert.Equal(Enumerable.Range(1, each).Select(n => (long)n), north);
        Assert.All(rows.Where(r => r.ExternalReference!.StartsWith("NORTE-", StringComparison.Ordinal)), r =>
        {
            Assert.Contains("<estab>002</estab>", r.GeneratedXml, StringComparison.Ordinal);
            Assert.Contains("<ptoEmi>001</ptoEmi>", r.GeneratedXml, StringComparison.Ordinal);
            Assert.Contains("<dirEstablecimiento>Av. de la Prensa N58-12, Quito</dirEstablecimiento>", r.GeneratedXml, StringComparison.Ordinal);
        });
        Assert.All(rows.Where(r => r.ExternalReference!.StartsWith("MATRIZ-", StringComparison.Ordinal)), r =>
            Assert.Contains("<dirEstablecimiento>Calle García Moreno 123, Quito</dirEstablecimiento>", r.GeneratedXml, StringComparison.Ordinal));
        Assert.Equal(2 * each, submitted.Select(s => s.AccessKey).Distinct().Count());
        Assert.Contains(submitted, s => s.Number == "002-001-000000020");

        var view = await admin.GetFromJsonAsync<JsonObject>("/api/v1/settings/invoicing", Ct);
        var points = view!["establishments"]!.AsArray().SelectMany(e => e!["points"]!.AsArray().Select(p => ($"{e["code"]}-{p!["code"]}", (long)p["nextSequential"]!))).ToList();
        Assert.Contains(("001-002", each + 1L), points);
        Assert.Contains(("002-001", each + 1L), points);
    }

    [Fact]
    public async Task Unknown_puntos_and_bad_settings_are_refused_field_by_field_and_changes_are_audited()
    {
        await using var sri = new SriScript();
        var app = await NewAppAsync(InvoicingTestApp.Settings(sri, processor: false));
        var admin = await InvoicingTestApp.ConfigureAsync(app);
        var erp = await app.CreateApiClientAsync();

        var unknown = await erp.PostAsJsonAsync("/api/v1/invoices", InvoicingTestApp.Sale("009", "001"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("009-001 no está registrado", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var half = await erp.PostAsJsonAsync("/api/v1/invoices", InvoicingTestApp.Sale("001", null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        Assert.Contains("emissionPoint", await half.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var badEstablishment = await InvoicingTestApp.PutAsync(admin, $"{Establishments}/12", new JsonObject { ["name"] = "", ["address"] = "" }, HttpStatusCode.BadRequest);
        Assert.Equal(["address", "code", "name"], badEstablishment["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToArray());
        var badPoint = await InvoicingTestApp.PutAsync(admin, $"{Establishments}/005/points/001",
            new JsonObject { ["description"] = "Caja", ["rideLayout"] = "carta", ["users"] = new JsonArray("nadie@optica.ec") }, HttpStatusCode.BadRequest);
        var errors = badPoint["errors"]!.AsObject();
        Assert.Contains("no está registrado", errors["establishment"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("rollo_80mm", errors["rideLayout"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("nadie@optica.ec", errors["users"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Invoices.CountAsync(Ct)));

        await AddNorthAsync(admin);
        await InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale("002", "001"));
        var lowered = await InvoicingTestApp.PutAsync(admin, $"{Establishments}/002/points/001",
            new JsonObject { ["description"] = "Caja 1 Norte", ["nextSequential"] = 1 }, HttpStatusCode.BadRequest);
        Assert.Contains("no se puede bajar", lowered["errors"]!["nextSequential"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await InvoicingTestApp.PutAsync(admin, $"{Establishments}/002/points/001",
            new JsonObject { ["description"] = "Caja 1 Norte", ["nextSequential"] = 500 }, HttpStatusCode.OK);
        Assert.Equal("002-001-000000500", (await InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale("002", "001"))).Number);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "cambiar_establecimiento" || a.Action == "cambiar_punto_emision")
            .Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(1, audit.Count(a => a == "cambiar_establecimiento"));
        Assert.Equal(2, audit.Count(a => a == "cambiar_punto_emision"));
    }

    [Fact]
    public async Task A_store_sale_is_numbered_at_the_sellers_caja()
    {
        await using var sri = new SriScript();
        var app = await NewAppAsync(InvoicingTestApp.Settings(sri, processor: false));
        var admin = await InvoicingTestApp.ConfigureAsync(app);
        var seller = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "ana@optica.ec");
        var other = await StoreFixture.UserAsync(app, CarteroRoles.Vendedor, "luis@optica.ec");
        await AddNorthAsync(admin, "a4", "ana@optica.ec");
        var customer = await StoreFixture.CustomerAsync(app, null);
        var product = await StoreFixture.ProductAsync(app, "ARM-09", stock: 5, minimum: 0);

        var atNorth = await StoreFixture.SellAsync(app, seller, customer.Id, product.Id);
        var atDefault = await StoreFixture.SellAsync(app, other, customer.Id, product.Id);

        var numbers = await app.WithDbAsync(db => db.Invoices.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Number, Ct));
        Assert.Equal("002-001-000000001", numbers[atNorth.InvoiceId!.Value]);
        Assert.Equal("001-002-000000001", numbers[atDefault.InvoiceId!.Value]);
    }

    [Fact]
    public async Task A_roll_punto_prints_an_80_mm_ride_with_the_uploaded_logo_and_a_bad_logo_is_refused()
    {
        await using var sri = new SriScript();
        var app = await NewAppAsync(InvoicingTestApp.Settings(sri));
        var body = SqliteInvoicingTests.SettingsBody();
        body["logoBase64"] = Convert.ToBase64String("no soy una imagen"u8.ToArray());
        var refused = await (await app.CreateApiClientAsync(admin: true)).PutAsJsonAsync("/api/v1/settings/invoicing", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("PNG o JPEG", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        body["logoBase64"] = Convert.ToBase64String(PngLogo());
        var admin = await InvoicingTestApp.ConfigureAsync(app, body);
        await AddNorthAsync(admin, "rollo_80mm");
        var erp = await app.CreateApiClientAsync();

        var roll = await InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale("002", "001"));
        var sheet = await InvoicingTestApp.SubmitAsync(erp, InvoicingTestApp.Sale());
        await InvoicingTestApp.WaitForAsync(erp, roll.Id, i => i.Status == "autorizada", "la factura de la caja con rollo autorizada");
        await InvoicingTestApp.WaitForAsync(erp, sheet.Id, i => i.Status == "autorizada", "la factura del punto predeterminado autorizada");

        var rollPdf = System.Text.Encoding.Latin1.GetString(await erp.GetByteArrayAsync($"/api/v1/invoices/{roll.Id}/ride", Ct));
        var sheetPdf = System.Text.Encoding.Latin1.GetString(await erp.GetByteArrayAsync($"/api/v1/invoices/{sheet.Id}/ride", Ct));
        Assert.InRange(PageWidth(rollPdf), 226.5, 227.0); // 80 mm
        Assert.Equal(595, PageWidth(sheetPdf), 0.5); // A4
        Assert.Contains("/Subtype /Image", rollPdf, StringComparison.Ordinal);
        Assert.Contains("/Subtype /Image", sheetPdf, StringComparison.Ordinal);
        var view = await admin.GetFromJsonAsync<JsonObject>("/api/v1/settings/invoicing", Ct);
        Assert.Equal("image/png", view!["logo"]!["contentType"]!.GetValue<string>());
        Assert.DoesNotContain("logoBase64", view.ToJsonString(), StringComparison.Ordinal);
    }

    private static double PageWidth(string pdf)
    {
        var box = System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]");
        Assert.True(box.Success, "el PDF no declara /MediaBox");
        return double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] PngLogo()
    {
        using var bitmap = new SkiaSharp.SKBitmap(90, 30);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.White);
            using var ink = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.DarkGreen };
            canvas.DrawRect(5, 5, 80, 20, ink);
        }

        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}

public sealed class SqliteIssuingPointTests() : IssuingPointTests(null);

public sealed class PostgresIssuingPointTests(PostgresCluster postgres) : IssuingPointTests(postgres);
