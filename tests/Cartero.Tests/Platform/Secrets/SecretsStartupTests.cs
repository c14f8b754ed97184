using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cartero.Platform.Cli;
using Cartero.Platform.Secrets;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Platform.Secrets;

public sealed class SecretsStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SaveSmtpPasswordAsync(CarteroAppFactory app, string password)
    {
        var admin = await app.CreateApiClientAsync(admin: true);
        (await admin.PutAsJsonAsync("/api/v1/settings/mail", new JsonObject
        {
            ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = 2525, ["username"] = "cartero", ["password"] = password,
            ["fromAddress"] = "facturas@optica.ec",
        }, Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_key_is_created_on_first_start_and_a_missing_key_stops_the_next_start_with_a_clear_message()
    {
        var data = Directory.CreateTempSubdirectory("cartero-inicio-").FullName;
        await using (var first = new CarteroAppFactory(dataDirectory: data))
        {
            _ = first.Services;
            Assert.Single(Directory.GetFiles(Path.Combine(data, "keys"), "*.key"));
            await SaveSmtpPasswordAsync(first, "Clave-Del-Relay-01");
        }

        foreach (var key in Directory.GetFiles(Path.Combine(data, "keys"), "*.key"))
        {
            File.Delete(key);
        }

        await using var second = new CarteroAppFactory(dataDirectory: data);
        var ex = Assert.ThrowsAny<Exception>(() => second.Services);
        var error = ex as SecretKeyException ?? ex.InnerException as SecretKeyException ?? (ex as AggregateException)?.InnerExceptions.OfType<SecretKeyException>().FirstOrDefault();
        Assert.NotNull(error);
        Assert.Contains("Falta la clave maestra", error.Message);
        Assert.Contains(Path.Combine(data, "keys"), error.Message);
        Assert.DoesNotContain("Clave-Del-Relay-01", error.Message);
    }

    [Fact]
    public async Task Keys_rotate_re_encrypts_the_stored_secrets_with_the_new_key_and_is_audited()
    {
        await using var app = new CarteroAppFactory();
        await SaveSmtpPasswordAsync(app, "Clave-Del-Relay-02");
        var before = await app.WithDbAsync(db => db.MailSettings.Select(s => s.PasswordEncrypted).SingleAsync(Ct));

        var output = new StringWriter();
        var exit = await CliModule.RunAsync(app.Services, ["keys", "rotate"], output, new StringWriter());

        Assert.Equal(0, exit);
        var after = await app.WithDbAsync(db => db.MailSettings.Select(s => s.PasswordEncrypted).SingleAsync(Ct));
        var newKey = app.Services.GetRequiredService<MasterKeyRing>().Current.Id;
        Assert.NotEqual(before, after);
        Assert.Contains($":{newKey}:", after);
        Assert.Equal("Clave-Del-Relay-02", app.Services.GetRequiredService<ISecretProtector>().Unprotect(after!, new SecretPurpose("configuracion_correo", "contrasena_cifrada", "1")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.key").Length);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "rotar_clave_maestra", Ct)));
    }
}
