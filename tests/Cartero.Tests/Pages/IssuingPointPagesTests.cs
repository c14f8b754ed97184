using System.Net;
using Cartero.Platform.Identity;
using Cartero.Sri.Tests;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Pages;

/// <summary>The settings page's establecimientos, puntos de emisión and logo, and the Facturas page's archive download.</summary>
public sealed class IssuingPointPagesTests() : AppTestBase(null)
{
    private static Dictionary<string, string> Settings() => new()
    {
        ["Form.Ruc"] = "1792146739001", ["Form.BusinessName"] = "Óptica Visión Cía. Ltda.", ["Form.HeadOfficeAddress"] = "Av. Amazonas N34-12, Quito",
        ["Form.Establishment"] = "001", ["Form.EmissionPoint"] = "002", ["Form.Environment"] = "pruebas", ["Form.NextSequential"] = "1",
        ["Form.CertificatePassword"] = CertificadosDePrueba.Contrasena, ["Form.Version"] = "0",
    };

    [Fact]
    public async Task An_admin_adds_an_establecimiento_and_a_roll_caja_with_spanish_field_errors_and_uploads_a_logo()
    {
        var app = await NewAppAsync();
        var admin = await PanelSession.SignInAsync(app, CarteroRoles.Admin);
        var notAnImage = await admin.PostMultipartAsync("/configuracion/facturacion", Settings(), new()
        {
            ["Certificate"] = ("firma.p12", CertificadosDePrueba.P12Vigente), ["Logo"] = ("logo.png", "GIF89a no es PNG"u8.ToArray()),
        });
        Assert.Contains("El logo debe ser una imagen PNG o JPEG.", WebUtility.HtmlDecode(await notAnImage.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var saved = await admin.PostMultipartAsync("/configuracion/facturacion", Settings(), new()
        {
            ["Certificate"] = ("firma.p12", CertificadosDePrueba.P12Vigente), ["Logo"] = ("logo.png", Png()),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Logo cargado: image/png, 40 × 20 píxeles", WebUtility.HtmlDecode(await admin.GetStringAsync("/configuracion/facturacion")), StringComparison.Ordinal);

        var bad = await admin.PostFormAsync("/configuracion/facturacion", new() { ["Est.Code"] = "2", ["Est.Name"] = "Norte", ["Est.Address"] = "" },
            "/configuracion/facturacion?handler=Establecimiento");
        var badPage = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("El código del establecimiento son 3 dígitos", badPage, StringComparison.Ordinal);
        Assert.Contains("Indique la dirección del establecimiento", badPage, StringComparison.Ordinal);
        var added = await admin.PostFormAsync("/configuracion/facturacion",
            new() { ["Est.Code"] = "002", ["Est.Name"] = "Sucursal Norte", ["Est.Address"] = "Av. de la Prensa N58-12, Quito" },
            "/configuracion/facturacion?handler=Establecimiento");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var badPoint = await admin.PostFormAsync("/configuracion/facturacion",
            new() { ["Pto.Establishment"] = "002", ["Pto.Code"] = "001", ["Pto.Description"] = "Caja 1", ["Pto.RideLayout"] = "rollo_80mm", ["Pto.Users"] = "nadie@optica.ec" },
            "/configuracion/facturacion?handler=Punto");
        Assert.Contains("No existe el usuario «nadie@optica.ec»", WebUtility.HtmlDecode(await badPoint.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var point = await admin.PostFormAsync("/configuracion/facturacion",
            new() { ["Pto.Establishment"] = "002", ["Pto.Code"] = "001", ["Pto.Description"] = "Caja 1 Norte", ["Pto.RideLayout"] = "rollo_80mm", ["Pto.NextSequential"] = "40" },
            "/configuracion/facturacion?handler=Punto");
        Assert.Equal(HttpStatusCode.Redirect, point.StatusCode);

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/configuracion/facturacion"));
        Assert.Contains("Punto de emisión 002-001 guardado.", page, StringComparison.Ordinal);
        Assert.Contains("002 · Sucursal Norte", page, StringComparison.Ordinal);
        Assert.Contains("Av. de la Prensa N58-12, Quito", page, StringComparison.Ordinal);
        Assert.Contains("rollo 80 mm", page, StringComparison.Ordinal);
        Assert.Contains("002-001-000000040", page, StringComparison.Ordinal);
        Assert.Contains("001-002-000000001", page, StringComparison.Ordinal);
        var actions = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync(Ct));
        Assert.Contains("cambiar_establecimiento", actions);
        Assert.Contains("cambiar_punto_emision", actions);
    }

    [Fact]
    public async Task The_facturas_page_downloads_a_months_archive_and_explains_a_bad_month()
    {
        var app = await NewAppAsync();
        var manager = await PanelSession.SignInAsync(app, CarteroRoles.Gerente);

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/facturas"));
        Assert.Contains("Descargar archivo del contador (ZIP)", page, StringComparison.Ordinal);
        var bad = WebUtility.HtmlDecode(await manager.GetStringAsync("/facturas?handler=Archivo&mes=13-2026"));
        Assert.Contains("Indique el mes como aaaa-mm", bad, StringComparison.Ordinal);

        var zip = await manager.GetAsync("/facturas?handler=Archivo&mes=2026-11");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Equal("indice.csv", Assert.Single(archive.Entries).Name);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "archivar_comprobantes", Ct)));
    }

    private static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(40, 20);
        bitmap.Erase(SkiaSharp.SKColors.Navy);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
