using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cartero.Tests.Features.Settings;

/// <summary>
/// A stored secret only ever goes where it was typed for: a changed host, port, security, user, certificate,
/// provider or SendGrid URL needs the secret again, in the test send and when saving. Servers that record
/// what reaches them prove nothing leaked.
/// </summary>
public sealed class SecretDestinationTests() : AppTestBase(null)
{
    private const string Password = "Clave-Guardada-SMTP-42";
    private const string AttackerPassword = "clave-del-atacante";

    private static JsonObject Smtp(int port, string? password = Password, string security = "none") => new()
    {
        ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = port, ["security"] = security,
        ["username"] = "cartero", ["password"] = password, ["fromAddress"] = "facturas@optica.ec",
    };

    public static TheoryData<string, string> DestinationChanges() => new()
    {
        { "port", "the attacker's port" },
        { "host", "localhost" },
        { "security", "starttls" },
        { "username", "otro-usuario" },
        { "trustedCertificateSha256", new string('a', 64) },
    };

    [Theory]
    [MemberData(nameof(DestinationChanges))]
    public async Task The_stored_smtp_password_never_reaches_a_changed_destination(string field, string value)
    {
        await using var stored = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = Password }, Ct);
        await using var attacker = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = AttackerPassword }, Ct);
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", Smtp(stored.Port), Ct)).EnsureSuccessStatusCode();

        var changed = Smtp(attacker.Port, password: null);
        if (field != "port")
        {
            changed["port"] = stored.Port;
            changed[field] = value;
        }

        var test = await admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec", ["settings"] = changed.DeepClone() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, test.StatusCode);
        var problem = await test.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Contains("Vuelva a escribir la contraseña", (string?)problem!["errors"]!["settings.password"]![0]);

        changed["version"] = 1;
        var save = await admin.PutAsJsonAsync("/api/v1/settings/mail", changed, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.MailSettings.Select(s => s.Version).SingleAsync(Ct)));

        Assert.Equal(0, (await attacker.GetStatsAsync(Ct)).Connections);
        Assert.Equal(0, (await stored.GetStatsAsync(Ct)).Connections);
        Assert.Equal(0, await app.WithDbAsync(db => db.Emails.CountAsync(Ct)));
    }

    [Fact]
    public async Task Typing_the_password_again_tests_the_new_server_with_the_typed_password_and_the_audit_names_the_target()
    {
        await using var stored = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = Password }, Ct);
        await using var other = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = AttackerPassword }, Ct);
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", Smtp(stored.Port), Ct)).EnsureSuccessStatusCode();

        var answer = await (await admin.PostAsJsonAsync("/api/v1/settings/mail/test",
            new JsonObject { ["to"] = "soporte@optica.ec", ["settings"] = Smtp(other.Port, AttackerPassword) }, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.Equal("Accepted", (string?)answer!["outcome"]);
        Assert.Single(await other.GetMessagesAsync(Ct));
        Assert.Equal(0, (await stored.GetStatsAsync(Ct)).Connections);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "probar_configuracion_correo").Select(a => a.Details).SingleAsync(Ct));
        Assert.Contains($"smtp 127.0.0.1:{other.Port}", audit);
    }

    [Fact]
    public async Task Changing_only_what_does_not_move_the_secret_keeps_it()
    {
        await using var stored = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = Password }, Ct);
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", Smtp(stored.Port), Ct)).EnsureSuccessStatusCode();
        var sameServer = Smtp(stored.Port, password: null);
        sameServer["fromName"] = "Sucursal Norte";

        var answer = await (await admin.PostAsJsonAsync("/api/v1/settings/mail/test",
            new JsonObject { ["to"] = "soporte@optica.ec", ["settings"] = sameServer }, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.Equal("Accepted", (string?)answer!["outcome"]);
        Assert.Single(await stored.GetMessagesAsync(Ct));
    }

    [Fact]
    public async Task The_stored_sendgrid_key_never_reaches_a_changed_url()
    {
        await using var real = await SendGridFake.StartAsync();
        await using var attacker = await SendGridFake.StartAsync();
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var sendgrid = new JsonObject
        {
            ["provider"] = "sendgrid", ["apiKey"] = SendGridFake.ValidKey, ["sendGridBaseUrl"] = real.BaseAddress.ToString(), ["fromAddress"] = "facturas@optica.ec",
        };
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", sendgrid, Ct)).EnsureSuccessStatusCode();

        var moved = (JsonObject)sendgrid.DeepClone();
        moved.Remove("apiKey");
        moved["sendGridBaseUrl"] = attacker.BaseAddress.ToString();
        var test = await admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec", ["settings"] = moved.DeepClone() }, Ct);
        moved["version"] = 1;
        var save = await admin.PutAsJsonAsync("/api/v1/settings/mail", moved, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, test.StatusCode);
        Assert.Contains("Vuelva a escribir la clave de API", (string?)(await test.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["settings.apiKey"]![0]);
        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        Assert.Empty(attacker.Authorizations);
        Assert.Empty(real.Authorizations);

        var toSmtp = new JsonObject { ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = 2525, ["fromAddress"] = "facturas@optica.ec" };
        var providerSwitch = await admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec", ["settings"] = toSmtp }, Ct);
        Assert.NotEqual(HttpStatusCode.InternalServerError, providerSwitch.StatusCode);
        Assert.Empty(attacker.Authorizations);
    }

    [Fact]
    public async Task Automatic_security_refuses_to_send_the_password_over_a_connection_without_starttls()
    {
        await using var plain = await SmtpPeer.StartAsync(new SmtpPeerOptions { Username = "cartero", Password = Password }, Ct);
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);

        var answer = await (await admin.PostAsJsonAsync("/api/v1/settings/mail/test",
            new JsonObject { ["to"] = "soporte@optica.ec", ["settings"] = Smtp(plain.Port, security: "auto") }, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.Equal("AccountFailure", (string?)answer!["outcome"]);
        Assert.Contains("no ofrece STARTTLS", (string?)answer["detail"]);
        Assert.Empty(await plain.GetMessagesAsync(Ct));
        Assert.Equal(0, (await plain.GetStatsAsync(Ct)).AuthFailures);
    }

    [Theory]
    [InlineData("169.254.169.254", "enlace local")]
    [InlineData("metadata.google.internal", "metadatos")]
    [InlineData("10.1.2.3", "AllowPrivateNetworks")]
    [InlineData("192.168.0.10", "AllowPrivateNetworks")]
    [InlineData("localhost", "AllowPrivateNetworks")]
    [InlineData("::1", "AllowPrivateNetworks")]
    [InlineData("[fe80::1]", "enlace local")]
    public async Task Internal_and_metadata_hosts_are_refused_unless_the_operator_allows_private_networks(string host, string reason)
    {
        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Providers:AllowPrivateNetworks"] = "false" });
        var admin = await app.CreateApiClientAsync(admin: true);
        var settings = Smtp(25, security: "starttls");
        settings["host"] = host;
        var sendgrid = new JsonObject
        {
            ["provider"] = "sendgrid", ["apiKey"] = SendGridFake.ValidKey, ["fromAddress"] = "facturas@optica.ec",
            ["sendGridBaseUrl"] = $"https://{(host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host)}/",
        };

        var smtp = await admin.PutAsJsonAsync("/api/v1/settings/mail", settings, Ct);
        var http = await admin.PutAsJsonAsync("/api/v1/settings/mail", sendgrid, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, smtp.StatusCode);
        Assert.Contains(reason, (string?)(await smtp.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["host"]![0]);
        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Contains(reason, (string?)(await http.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["sendGridBaseUrl"]![0]);
        Assert.Equal(0, await app.WithDbAsync(db => db.MailSettings.CountAsync(Ct)));
    }

    [Fact]
    public async Task Link_local_stays_refused_even_when_private_networks_are_allowed()
    {
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var settings = Smtp(25);
        settings["host"] = "169.254.169.254";

        var answer = await admin.PutAsJsonAsync("/api/v1/settings/mail", settings, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Fact]
    public async Task A_stored_internal_host_is_refused_at_connection_time_when_private_networks_are_not_allowed()
    {
        await using var peer = await SmtpPeer.StartAsync(new SmtpPeerOptions(), Ct);
        var data = Path.Combine(Path.GetTempPath(), "cartero-tests", Guid.NewGuid().ToString("N"));
        var before = await NewAppAsync(dataDirectory: data);
        await before.ConfigureSmtpAsync(peer.Port);
        await before.DisposeAsync();

        var app = await NewAppAsync(new Dictionary<string, string?> { ["Cartero:Providers:AllowPrivateNetworks"] = "false" }, dataDirectory: data);
        var admin = await app.CreateApiClientAsync(admin: true);
        var answer = await (await admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec" }, Ct))
            .Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.Equal("AccountFailure", (string?)answer!["outcome"]);
        Assert.Contains("Conexión rechazada por seguridad", (string?)answer["detail"]);
        Assert.Equal(0, (await peer.GetStatsAsync(Ct)).Connections);
    }

    [Fact]
    public async Task The_test_answer_and_the_log_repeat_only_the_status_line_of_an_unknown_http_server()
    {
        const string marker = "CONTENIDO-INTERNO-7f3a";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var server = builder.Build();
        server.MapPost("/v3/mail/send", () => Results.Text($"<html>{marker} {new string('x', 3000)}</html>", "text/html", statusCode: 404));
        await server.StartAsync(Ct);
        var url = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var app = await NewAppAsync();
        var admin = await app.CreateApiClientAsync(admin: true);
        var sendgrid = new JsonObject { ["provider"] = "sendgrid", ["apiKey"] = "SG.clave-de-la-prueba-0001", ["sendGridBaseUrl"] = url, ["fromAddress"] = "facturas@optica.ec" };

        var text = await (await admin.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec", ["settings"] = sendgrid }, Ct))
            .Content.ReadAsStringAsync(Ct);

        Assert.Contains("HTTP 404", text);
        Assert.DoesNotContain(marker, text);
        var errors = await app.WithDbAsync(db => db.Emails.Select(e => e.LastError).ToListAsync(Ct));
        Assert.All(errors, e => Assert.DoesNotContain(marker, e ?? ""));
        await server.StopAsync(Ct);
    }
}
