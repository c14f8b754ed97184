using System.Net;
using System.Text.RegularExpressions;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;

namespace Cartero.Tests.Pages;

public sealed partial class AuditAndApiKeyPagesTests : IAsyncLifetime
{
    private readonly CarteroAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_key_that_works_for_the_api_then_revokes_it_and_both_are_audited()
    {
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);

        var created = await admin.PostFormAsync("/claves-api", new() { ["Name"] = "pos-quito" }, "/claves-api?handler=Crear");
        var secret = KeyPattern().Match(await created.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
        Assert.StartsWith("crt_", secret);

        var pos = _app.CreateClient();
        pos.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await pos.GetAsync("/api/v1/emails", Ct)).StatusCode);
        Assert.DoesNotContain(secret, await admin.GetStringAsync("/claves-api"));

        await admin.PostFormAsync("/claves-api", [], "/claves-api?handler=Revocar&name=pos-quito");
        Assert.Equal(HttpStatusCode.Unauthorized, (await pos.GetAsync("/api/v1/emails", Ct)).StatusCode);

        var auditPage = await admin.GetStringAsync("/auditoria");
        // The admin's sign-in, the key created, the key revoked.
        Assert.Contains("Cadena íntegra: 3 filas verificadas.", auditPage);
        Assert.Contains("Ingresó al panel", auditPage);
        Assert.Contains("Creó una clave de API", auditPage);
        Assert.Contains("Revocó una clave de API", auditPage);
        Assert.Contains("admin@optica.ec", auditPage);
    }

    [Fact]
    public async Task After_creating_an_admin_key_the_form_is_empty_and_the_next_error_shows_no_old_success()
    {
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);

        var created = await (await admin.PostFormAsync("/claves-api", new() { ["Name"] = "tablero", ["IsAdmin"] = "true" }, "/claves-api?handler=Crear"))
            .Content.ReadAsStringAsync(Ct);

        Assert.Contains("Clave &#x27;tablero&#x27; creada", created);
        Assert.Matches(FormPattern(), created);
        Assert.DoesNotContain("checked", FormPattern().Match(created).Value);
        Assert.DoesNotContain("value=\"tablero\"", FormPattern().Match(created).Value);
        var duplicate = await (await admin.PostFormAsync("/claves-api", new() { ["Name"] = "tablero" }, "/claves-api?handler=Crear"))
            .Content.ReadAsStringAsync(Ct);
        Assert.Contains("Ya existe una clave activa", duplicate);
        Assert.DoesNotContain("creada", duplicate);
        Assert.DoesNotContain("clave-nueva", duplicate);
    }

    [Fact]
    public async Task The_audit_export_carries_the_chain_check_and_support_may_read_but_not_manage_keys()
    {
        var admin = await PanelSession.SignInAsync(_app, CarteroRoles.Admin);
        await admin.PostFormAsync("/claves-api", new() { ["Name"] = "erp" }, "/claves-api?handler=Crear");
        var soporte = await PanelSession.SignInAsync(_app, CarteroRoles.Soporte);

        var csv = await soporte.GetStringAsync("/auditoria?handler=Exportar");

        var lines = csv.TrimEnd().Split("\r\n");
        // Two sign-ins and the key created.
        Assert.StartsWith("\uFEFF# verificacion_cadena,integra,filas,3", lines[0]);
        // The stored UTC instant (what the chain covers) and the same moment in Ecuador's time with its offset.
        Assert.Equal("id,fecha_hora,fecha_hora_ecuador,actor,ip,accion,objeto,detalle,hash_anterior,hash", lines[1]);
        Assert.Matches(@"^\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-05:00,", lines[2]);
        Assert.Equal(3, lines.Length - 2);
        Assert.Contains(lines[2..], l => l.Contains("crear_clave_api", StringComparison.Ordinal));
        Assert.StartsWith("http://localhost/cuenta/acceso-denegado", (await soporte.GetAsync("/claves-api")).Headers.Location!.ToString());
        var gerente = await PanelSession.SignInAsync(_app, CarteroRoles.Gerente);
        Assert.StartsWith("http://localhost/cuenta/acceso-denegado", (await gerente.GetAsync("/auditoria")).Headers.Location!.ToString());
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [GeneratedRegex("<form[^>]*id=\"crear-clave\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<code id=\"clave-nueva\">([^<]+)</code>")]
    private static partial Regex KeyPattern();
}
