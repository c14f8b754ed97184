using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Features.Audit;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Features.Audit;

/// <summary>Retries, exports and the removal of a stored password leave an audit row; the audit page reads as Spanish.</summary>
public sealed class AuditCompletenessTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<AuditEntry>> AuditAsync(string action) =>
        _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync(Ct));

    [Fact]
    public async Task Manual_and_bulk_retries_and_every_export_are_audited()
    {
        var one = await _app.AddFailedEmailAsync("apikey:erp", "pedido", "api");
        await _app.AddFailedEmailAsync("apikey:erp", "pedido", "api");
        await _app.AddFailedEmailAsync("apikey:erp", "pedido", "api");
        var api = await _app.CreateApiClientAsync(name: "erp");
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/v1/emails/{one}/retry", null, Ct)).StatusCode);
        var bulk = await admin.PostFormAsync("/correos/reintentar-lote?tipo=pedido", [], "/correos/reintentar-lote?tipo=pedido");
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        (await api.GetAsync("/api/v1/emails/export?format=csv", Ct)).EnsureSuccessStatusCode();
        (await admin.GetAsync("/auditoria?handler=Exportar")).EnsureSuccessStatusCode();

        var retry = Assert.Single(await AuditAsync("reintentar_correo"));
        Assert.Equal("apikey:erp", retry.Actor);
        Assert.Equal(one.ToString(), retry.Target);
        var lote = Assert.Single(await AuditAsync("reintentar_correos_lote"));
        Assert.Contains("\"correos\":2", lote.Details);
        Assert.Contains("pedido", lote.Details);
        Assert.Contains("\"filas\":3", Assert.Single(await AuditAsync("exportar_correos")).Details);
        Assert.Single(await AuditAsync("exportar_auditoria"));
    }

    [Fact]
    public async Task Removing_the_user_removes_the_stored_password_and_the_audit_says_so()
    {
        var admin = await _app.CreateApiClientAsync(admin: true);
        var smtp = new JsonObject
        {
            ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = 2525, ["security"] = "none",
            ["username"] = "cartero", ["password"] = "Clave-SMTP-de-prueba-1", ["fromAddress"] = "facturas@optica.ec",
        };
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", smtp, Ct)).EnsureSuccessStatusCode();
        smtp.Remove("password");
        smtp.Remove("username");

        var saved = await (await admin.PutAsJsonAsync("/api/v1/settings/mail", smtp, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.False((bool)saved!["passwordConfigured"]!);
        Assert.Null(await _app.WithDbAsync(db => db.MailSettings.Select(s => s.PasswordEncrypted).SingleAsync(Ct)));
        var rows = await AuditAsync("cambiar_configuracion_correo");
        Assert.Contains("\"contrasena\":\"eliminada\"", rows[^1].Details);
    }

    [Fact]
    public async Task The_audit_page_shows_actions_and_details_in_spanish_not_raw_json()
    {
        var api = await _app.CreateApiClientAsync(admin: true);
        await api.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec" }, Ct);
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);

        var html = await admin.GetStringAsync("/auditoria");

        Assert.Contains("Probó la cuenta de envío", html);
        Assert.Contains("resultado: aceptado", html);
        Assert.DoesNotContain("probar_configuracion_correo", html);
        Assert.DoesNotContain("{&quot;", html);
        Assert.DoesNotContain("Accepted", html);
    }

    [Fact]
    public async Task The_audit_page_checks_every_chain_on_request()
    {
        var api = await _app.CreateApiClientAsync();
        (await api.PostAsJsonAsync("/api/v1/emails", new JsonObject
        {
            ["type"] = "pedido", ["to"] = new JsonObject { ["address"] = "ana@correo.ec" }, ["subject"] = "Su pedido", ["text"] = "Listo.",
        }, Ct)).EnsureSuccessStatusCode();
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);

        var html = await admin.GetStringAsync("/auditoria?completa=true");

        Assert.Contains("Verificación de todas las cadenas", html);
        Assert.Contains("log_envio_correo_evento</strong>: íntegra", html);
        Assert.Contains("factura_evento</strong>: íntegra", html);
        Assert.DoesNotContain("Verificación de todas las cadenas", await admin.GetStringAsync("/auditoria"));
    }

    [Fact]
    public void Details_are_written_as_readable_lines()
    {
        var lines = AuditWording.Details("""{"puerto":{"antes":2525,"despues":587},"contrasena":"cambiada","roles":["vendedor","gerente"],"admin":true}""");

        Assert.Equal(["puerto: 2525 → 587", "contraseña: cambiada", "roles: vendedor, gerente", "administración: sí"], lines);
        Assert.Equal("Exportó facturas", AuditWording.Action("exportar_facturas"));
        Assert.Equal("accion nueva", AuditWording.Action("accion_nueva"));
        Assert.Equal(["motivo: cuenta desconocida", "método: contraseña", "correo: ana_perez@correo.ec"],
            AuditWording.Details("""{"motivo":"cuenta_desconocida","metodo":"contrasena","correo":"ana_perez@correo.ec"}"""));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
