using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Sri.Tests;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>The invoicing settings: admins only, field-by-field errors, the certificate kept secret, every change audited.</summary>
public sealed class InvoicingSettingsTests() : AppTestBase(null)
{
    private static JsonObject Body(string? certificate = null, string? password = CertificadosDePrueba.Contrasena, long? nextSequential = null) =>
        InvoicingTests.SettingsBody(certificate, password, nextSequential);

    [Fact]
    public async Task The_certificate_and_its_password_never_come_back_and_the_change_is_audited()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var certificate = Convert.ToBase64String(CertificadosDePrueba.P12Vigente);

        var response = await admin.PutAsJsonAsync("/api/v1/settings/invoicing", Body(certificate), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<InvoicingSettingsView>(Ct))!;
        Assert.True(view.Certificate.Configured);
        Assert.Contains("JOSÉ NÚÑEZ PEÑA", view.Certificate.Subject, StringComparison.Ordinal);
        Assert.False(view.Certificate.ExpiresSoon);
        Assert.InRange(view.Certificate.DaysLeft!.Value, 700, 740);

        var shown = await admin.GetStringAsync("/api/v1/settings/invoicing", Ct);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "cambiar_configuracion_facturacion").ToListAsync(Ct));
        Assert.Single(audit);
        Assert.Contains("1792146739001", audit[0].Details, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.InvoicingSettings.AsNoTracking().SingleAsync(Ct));
        foreach (var secret in new[] { CertificadosDePrueba.Contrasena, certificate[..40] })
        {
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, audit[0].Details, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, stored.CertificateEncrypted, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, stored.CertificatePasswordEncrypted, StringComparison.Ordinal);
        }

        // The database file alone reveals neither the password nor the key file.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = Directory.GetFiles(app.DataDirectory, "*.db*");
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            var file = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path, Ct));
            Assert.DoesNotContain(CertificadosDePrueba.Contrasena, file, StringComparison.Ordinal);
            Assert.DoesNotContain(certificate[..40], file, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_settings_are_refused_field_by_field_and_nothing_is_saved()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);

        var body = Body(password: "otra-contraseña");
        body["ruc"] = "179214673900";
        body["establishment"] = "000";
        body["environment"] = "real";
        var response = await admin.PutAsJsonAsync("/api/v1/settings/invoicing", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.Equal(["certificateBase64", "environment", "establishment", "ruc"], errors.Select(e => e.Key).Order().ToArray());
        Assert.Contains("contraseña", errors["certificateBase64"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var expired = Body(Convert.ToBase64String(CertificadosDePrueba.Crear(DateTimeOffset.UtcNow.AddYears(-3), DateTimeOffset.UtcNow.AddDays(-1))));
        var refused = await admin.PutAsJsonAsync("/api/v1/settings/invoicing", expired, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("venci", await refused.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(0, await app.WithDbAsync(db => db.InvoicingSettings.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "cambiar_configuracion_facturacion", Ct)));
    }

    [Fact]
    public async Task The_secuencial_can_be_raised_but_never_lowered()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/invoicing", Body(nextSequential: 500), Ct)).StatusCode);
        var view = (await admin.GetFromJsonAsync<InvoicingSettingsView>("/api/v1/settings/invoicing", Ct))!;
        Assert.Equal(500, view.NextSequential);

        var lower = Body(nextSequential: 10);
        lower["version"] = view.Version;
        var refused = await admin.PutAsJsonAsync("/api/v1/settings/invoicing", lower, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("nextSequential", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var stale = Body();
        stale["version"] = view.Version - 1;
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/api/v1/settings/invoicing", stale, Ct)).StatusCode);
    }

    [Fact]
    public async Task Only_admins_change_invoicing_and_an_unconfigured_app_says_what_to_do()
    {
        var app = await NewAppAsync();
        var erp = await app.CreateApiClientAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await erp.GetAsync("/api/v1/settings/invoicing", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await erp.PutAsJsonAsync("/api/v1/settings/invoicing", Body(), Ct)).StatusCode);

        var response = await erp.PostAsJsonAsync("/api/v1/invoices", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Limpiador de lentes", ["quantity"] = 1, ["unitPrice"] = 3 }),
        }, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Configuración → Facturación", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_certificate_expires_sales_are_refused_with_what_to_do()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = (await NewAppAsync(new Dictionary<string, string?> { ["Sri:SchemaDirectory"] = RutasPrueba.Esquemas, ["Sri:ProcessorEnabled"] = "false" })).WithTime(clock);
        var admin = await app.CreateApiClientAsync(admin: true);
        var shortLived = Convert.ToBase64String(CertificadosDePrueba.Crear(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(5)));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings/invoicing", Body(shortLived), Ct)).StatusCode);
        var erp = await app.CreateApiClientAsync();
        var sale = new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Limpiador de lentes", ["quantity"] = 1, ["unitPrice"] = 3 }),
        };
        Assert.Equal(HttpStatusCode.Accepted, (await erp.PostAsJsonAsync("/api/v1/invoices", sale, Ct)).StatusCode);

        clock.Advance(TimeSpan.FromDays(6));
        var refused = await erp.PostAsJsonAsync("/api/v1/invoices", sale, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("venció", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Invoices.CountAsync(Ct)));
    }
}
