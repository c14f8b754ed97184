using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cartero.Features.Invoicing;
using Cartero.Features.Providers;
using Cartero.Features.Settings;
using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Cartero.Platform.Secrets;
using Cartero.Sri.Tests;
using Cartero.Tests.Features.Invoicing;
using Cartero.Tests.Infrastructure;
using Cartero.Tests.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Platform.Secrets;

/// <summary>
/// Every protected value the app stores (mail password and API key, the bounce mailbox password, the .p12 and its password, authenticator keys,
/// recovery codes), on both engines: rotated together, checked at start-up, bound to their column and row, upgraded
/// from older forms, never readable from the database alone.
/// </summary>
public abstract class ProtectedValuesTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private const string SignInPassword = "una-clave-bastante-larga";
    private const string SmtpPassword = "Clave-Del-Relay-77";
    private const string SendGridKey = "SG.clave-api-de-prueba-0123456789";
    private const string BounceMailboxPassword = "Clave-Del-Buzon-De-Rebotes-31";

    private static readonly string Certificate = Convert.ToBase64String(CertificadosDePrueba.P12Vigente);

    private sealed record SecondFactor(string Email, string Seed, string[] RecoveryCodes);

    [Fact]
    public async Task Keys_rotate_re_encrypts_every_protected_value_and_audits_the_count_per_column()
    {
        var app = await NewAppAsync();
        await StoreMailAndInvoicingSecretsAsync(app);
        await EnableSecondFactorAsync(app, "admin@optica.ec");

        var output = new StringWriter();
        var exit = await CliModule.RunAsync(app.Services, ["keys", "rotate"], output, new StringWriter());

        Assert.Equal(0, exit);
        var newKey = app.Services.GetRequiredService<MasterKeyRing>().Current.Id;
        var stored = await StoredValuesAsync(app);
        Assert.Equal(7, stored.Count);
        foreach (var (column, value) in stored)
        {
            Assert.True(value.StartsWith($"v2:{newKey}:", StringComparison.Ordinal), $"{column} no quedó cifrado con la clave nueva: {value[..Math.Min(value.Length, 40)]}");
        }

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "rotar_clave_maestra", Ct));
        var details = JsonNode.Parse(audit.Details!)!.AsObject();
        Assert.Equal(7, details["secretos"]!.GetValue<int>());
        var perColumn = details["por_columna"]!.AsObject();
        foreach (var column in stored.Keys)
        {
            Assert.Equal(1, perColumn[column]!.GetValue<int>());
        }

        foreach (var secret in new[] { SmtpPassword, SendGridKey, BounceMailboxPassword, CertificadosDePrueba.Contrasena, Certificate[..40] })
        {
            Assert.DoesNotContain(secret, audit.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Keys_rotate_changes_nothing_and_makes_no_key_when_a_stored_secret_does_not_open()
    {
        var app = await NewAppAsync();
        await StoreMailAndInvoicingSecretsAsync(app);
        await app.WithDbAsync(async db =>
        {
            var invoicing = await db.InvoicingSettings.SingleAsync(Ct);
            invoicing.CertificateEncrypted = Tamper(invoicing.CertificateEncrypted!);
            await db.SaveChangesAsync(Ct);
        });
        var before = await StoredValuesAsync(app);

        var error = new StringWriter();
        var exit = await CliModule.RunAsync(app.Services, ["keys", "rotate"], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("configuracion_facturacion.certificado_cifrado (fila 1)", error.ToString(), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.key"));
        Assert.Equal(before, await StoredValuesAsync(app));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "rotar_clave_maestra", Ct)));
    }

    [Fact]
    public async Task Start_up_refuses_naming_each_stored_secret_that_cannot_be_decrypted()
    {
        var app = await NewAppAsync(dataDirectory: NewDataDirectory());
        await StoreMailAndInvoicingSecretsAsync(app);
        var admin = await EnableSecondFactorAsync(app, "admin@optica.ec");
        var adminId = await UserIdAsync(app, admin.Email);
        await app.WithDbAsync(async db =>
        {
            var invoicing = await db.InvoicingSettings.SingleAsync(Ct);
            invoicing.CertificatePasswordEncrypted = Tamper(invoicing.CertificatePasswordEncrypted!);
            var seed = await db.UserTokens.SingleAsync(t => t.Name == "AuthenticatorKey", Ct);
            seed.Value = Tamper(seed.Value!);
            await db.SaveChangesAsync(Ct);
        });

        var error = await FailedRestartAsync(app);

        Assert.Contains("configuracion_facturacion.contrasena_certificado_cifrada (fila 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"usuario_token.Value (fila {adminId:D}/[AspNetUserStore]/AuthenticatorKey)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restaure la carpeta de claves", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("configuracion_correo", error.Message, StringComparison.Ordinal);
        AssertRevealsNothing(error.Message, admin);
    }

    [Fact]
    public async Task A_ciphertext_copied_to_another_column_does_not_decrypt_and_start_up_says_where()
    {
        var app = await NewAppAsync(dataDirectory: NewDataDirectory());
        await StoreMailAndInvoicingSecretsAsync(app);
        await app.WithDbAsync(async db =>
        {
            var mail = await db.MailSettings.SingleAsync(Ct);
            mail.PasswordEncrypted = mail.ApiKeyEncrypted;
            var invoicing = await db.InvoicingSettings.SingleAsync(Ct);
            invoicing.CertificatePasswordEncrypted = mail.ApiKeyEncrypted;
            await db.SaveChangesAsync(Ct);
        });

        var error = await FailedRestartAsync(app);

        Assert.Contains("configuracion_correo.contrasena_cifrada (fila 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("configuracion_facturacion.contrasena_certificado_cifrada (fila 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("copiado desde otra columna u otra fila", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("configuracion_correo.clave_api_cifrada", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SendGridKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authenticator_key_copied_to_another_person_does_not_decrypt_and_start_up_says_where()
    {
        var app = await NewAppAsync(dataDirectory: NewDataDirectory());
        var admin = await EnableSecondFactorAsync(app, "admin@optica.ec");
        var support = await EnableSecondFactorAsync(app, "soporte@optica.ec", CarteroRoles.Soporte);
        var supportId = await UserIdAsync(app, support.Email);
        await app.WithDbAsync(async db =>
        {
            var keys = await db.UserTokens.Where(t => t.Name == "AuthenticatorKey").ToListAsync(Ct);
            keys.Single(k => k.UserId == supportId).Value = keys.Single(k => k.UserId != supportId).Value;
            await db.SaveChangesAsync(Ct);
        });

        var error = await FailedRestartAsync(app);

        Assert.Contains($"usuario_token.Value (fila {supportId:D}/[AspNetUserStore]/AuthenticatorKey)", error.Message, StringComparison.Ordinal);
        Assert.Contains("copiado desde otra columna u otra fila", error.Message, StringComparison.Ordinal);
        Assert.Single(error.Message.Split('\n'), l => l.StartsWith("- ", StringComparison.Ordinal));
        AssertRevealsNothing(error.Message, admin);
        AssertRevealsNothing(error.Message, support);
    }

    [Fact]
    public async Task Values_in_the_first_format_and_plain_second_factor_secrets_are_upgraded_in_place_once()
    {
        var app = await NewAppAsync(dataDirectory: NewDataDirectory());
        await StoreMailAndInvoicingSecretsAsync(app);
        var admin = await EnableSecondFactorAsync(app, "admin@optica.ec");
        var keyFile = Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.key").Single();
        await app.WithDbAsync(async db =>
        {
            var mail = await db.MailSettings.SingleAsync(Ct);
            mail.PasswordEncrypted = LegacyV1(SmtpPassword, keyFile);
            mail.ApiKeyEncrypted = LegacyV1(SendGridKey, keyFile);
            var invoicing = await db.InvoicingSettings.SingleAsync(Ct);
            invoicing.CertificateEncrypted = LegacyV1(Certificate, keyFile);
            invoicing.CertificatePasswordEncrypted = LegacyV1(CertificadosDePrueba.Contrasena, keyFile);
            foreach (var token in await db.UserTokens.ToListAsync(Ct))
            {
                token.Value = token.Name == "AuthenticatorKey" ? admin.Seed : string.Join(";", admin.RecoveryCodes);
            }

            await db.SaveChangesAsync(Ct);
        });

        var upgraded = await RestartAsync(app);

        var stored = await StoredValuesAsync(upgraded);
        Assert.Equal(7, stored.Count);
        Assert.All(stored, v => Assert.StartsWith("v2:", v.Value, StringComparison.Ordinal));
        var account = await upgraded.Services.GetRequiredService<IMailAccountSource>().GetCurrentAsync(Ct);
        Assert.Equal((SmtpPassword, SendGridKey), (account.Password, account.ApiKey));
        await using (var scope = upgraded.Services.CreateAsyncScope())
        {
            var invoicing = scope.ServiceProvider.GetRequiredService<InvoicingSettingsService>();
            using var certificate = invoicing.OpenCertificate(await invoicing.RequireAsync(Ct));
            Assert.Contains("JOSÉ NÚÑEZ PEÑA", certificate.Sujeto, StringComparison.Ordinal);
        }

        await AssertSignsInWithAsync(upgraded, admin.Email, TwoFactorTests.Totp(admin.Seed));
        await AssertSignsInWithAsync(upgraded, admin.Email, admin.RecoveryCodes[0]);

        // Once upgraded, a further start leaves every value as it is.
        var upgradedValues = await StoredValuesAsync(upgraded);
        var again = await RestartAsync(upgraded);
        Assert.Equal(upgradedValues, await StoredValuesAsync(again));
    }

    [Fact]
    public async Task The_database_holds_neither_the_authenticator_key_nor_a_recovery_code_in_plain_text_and_two_factor_still_works()
    {
        var app = await NewAppAsync();
        var admin = await EnableSecondFactorAsync(app, "admin@optica.ec");

        await AssertDatabaseDoesNotContainAsync(app, [admin.Seed, .. admin.RecoveryCodes]);
        await AssertSignsInWithAsync(app, admin.Email, TwoFactorTests.Totp(admin.Seed));
        await AssertSignsInWithAsync(app, admin.Email, admin.RecoveryCodes[0]);

        // A used code is gone (the remaining ones were re-encrypted), the others still work.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
            var user = (await users.FindByEmailAsync(admin.Email))!;
            Assert.Equal(admin.RecoveryCodes.Length - 1, await users.CountRecoveryCodesAsync(user));
        }

        await AssertSignsInWithAsync(app, admin.Email, admin.RecoveryCodes[1]);
        await AssertDatabaseDoesNotContainAsync(app, [admin.Seed, .. admin.RecoveryCodes]);
    }

    [Fact]
    public async Task After_a_full_flow_no_secret_is_in_the_data_folder_the_logs_the_answers_or_the_exports()
    {
        var app = await NewAppAsync();
        await StoreMailAndInvoicingSecretsAsync(app);
        var admin = await EnableSecondFactorAsync(app, "doble@optica.ec");
        var api = await app.CreateApiClientAsync(admin: true, name: "revision");
        var panel = await PanelSession.SignInAsync(app, CarteroRoles.Admin, "revisora@optica.ec");
        var answers = new StringBuilder();
        foreach (var path in new[]
        {
            "/api/v1/settings/mail", "/api/v1/settings/invoicing", "/api/v1/audit", "/api/v1/audit/verify",
            "/api/v1/emails/export?format=csv", "/api/v1/invoices/export", "/api/v1/emails",
        })
        {
            answers.AppendLine(await (await api.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct));
        }

        answers.AppendLine(await (await api.PostAsJsonAsync("/api/v1/settings/mail/test", new JsonObject { ["to"] = "soporte@optica.ec" }, Ct)).Content.ReadAsStringAsync(Ct));
        foreach (var page in new[] { "/configuracion/correo", "/configuracion/facturacion", "/auditoria", "/auditoria?handler=Exportar", "/usuarios", "/claves-api", "/correos" })
        {
            answers.AppendLine(await (await panel.GetAsync(page)).Content.ReadAsStringAsync(Ct));
        }

        var haystacks = new List<(string Where, string Text)> { ("respuestas", answers.ToString()) };
        foreach (var path in Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories))
        {
            // The key ring is where the keys live, not where secrets may appear.
            if (path.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            await file.CopyToAsync(bytes, Ct);
            haystacks.Add((Path.GetRelativePath(app.DataDirectory, path), Encoding.Latin1.GetString(bytes.ToArray())));
        }

        if (OnPostgres)
        {
            haystacks.Add(("tablas", string.Join("\n", await app.WithDbAsync(async db =>
                (await db.MailSettings.AsNoTracking().ToListAsync(Ct)).Select(m => $"{m.PasswordEncrypted}{m.ApiKeyEncrypted}")
                .Concat((await db.InvoicingSettings.AsNoTracking().ToListAsync(Ct)).Select(i => System.Text.Json.JsonSerializer.Serialize(i)))
                .Concat(await db.UserTokens.AsNoTracking().Select(t => t.Value ?? "").ToListAsync(Ct))
                .Concat(await db.AuditEntries.AsNoTracking().Select(a => a.Details ?? "").ToListAsync(Ct))))));
        }

        Assert.Contains(haystacks, h => h.Where == Path.GetFileName(app.LogFile));
        var rawCertificate = Encoding.Latin1.GetString(CertificadosDePrueba.P12Vigente.AsSpan(100, 48));
        string[] secrets = [SmtpPassword, SendGridKey, CertificadosDePrueba.Contrasena, Certificate[..48], rawCertificate, admin.Seed, .. admin.RecoveryCodes];
        foreach (var secret in secrets)
        {
            foreach (var (where, text) in haystacks)
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"Un secreto apareció en {where}");
            }
        }
    }

    private string NewDataDirectory() => Directory.CreateTempSubdirectory("cartero-protegidos-").FullName;

    /// <summary>The SendGrid key, then the SMTP password (the key stays stored), and the invoicing certificate.</summary>
    private static async Task StoreMailAndInvoicingSecretsAsync(CarteroAppFactory app)
    {
        var api = await app.CreateApiClientAsync(admin: true);
        (await api.PutAsJsonAsync("/api/v1/settings/mail", new JsonObject
        {
            ["provider"] = "sendgrid", ["apiKey"] = SendGridKey, ["fromAddress"] = "facturas@optica.ec",
        }, Ct)).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync("/api/v1/settings/mail", new JsonObject
        {
            ["provider"] = "smtp", ["host"] = "127.0.0.1", ["port"] = 2525, ["username"] = "cartero", ["password"] = SmtpPassword,
            ["fromAddress"] = "facturas@optica.ec",
            ["bounceMailbox"] = new JsonObject { ["host"] = "imap.optica.ec", ["username"] = "rebotes", ["password"] = BounceMailboxPassword },
        }, Ct)).EnsureSuccessStatusCode();
        var invoicing = await api.PutAsJsonAsync("/api/v1/settings/invoicing", InvoicingTests.SettingsBody(Certificate), Ct);
        Assert.Equal(HttpStatusCode.OK, invoicing.StatusCode);
    }

    private static async Task<SecondFactor> EnableSecondFactorAsync(CarteroAppFactory app, string email, string role = CarteroRoles.Admin)
    {
        var session = await PanelSession.SignInAsync(app, role, email);
        var setup = await session.GetStringAsync("/cuenta/doble-factor");
        var seed = TwoFactorTests.KeyPattern().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var on = await session.PostFormAsync("/cuenta/doble-factor", new() { ["Code"] = TwoFactorTests.Totp(seed) }, "/cuenta/doble-factor?handler=Activar");
        var codes = TwoFactorTests.RecoveryPattern().Matches(await on.Content.ReadAsStringAsync(Ct)).Select(m => m.Groups[1].Value.Trim()).ToArray();
        Assert.Equal(8, codes.Length);
        return new SecondFactor(email, seed, codes);
    }

    private static async Task AssertSignsInWithAsync(CarteroAppFactory app, string email, string code)
    {
        var browser = PanelSession.Anonymous(app);
        var first = await browser.PostFormAsync("/cuenta/ingresar", new() { ["Input.Email"] = email, ["Input.Password"] = SignInPassword });
        Assert.StartsWith("/cuenta/ingresar-codigo", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var second = await browser.PostFormAsync("/cuenta/ingresar-codigo", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/correos")).StatusCode);
    }

    private async Task AssertDatabaseDoesNotContainAsync(CarteroAppFactory app, string[] secrets)
    {
        var stored = await app.WithDbAsync(db => db.UserTokens.AsNoTracking().Select(t => t.Value).ToListAsync(Ct));
        Assert.NotEmpty(stored);
        var haystacks = new List<(string Where, string Text)> { ("usuario_token", string.Join("\n", stored)) };
        if (!OnPostgres)
        {
            // The file and its write-ahead log as they are on disk, while the app is running.
            foreach (var path in Directory.GetFiles(app.DataDirectory, "*.db*"))
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var bytes = new MemoryStream();
                await file.CopyToAsync(bytes, Ct);
                haystacks.Add((Path.GetFileName(path), Encoding.Latin1.GetString(bytes.ToArray())));
            }

            Assert.Contains(haystacks, h => h.Where.EndsWith("-wal", StringComparison.Ordinal));
        }

        foreach (var secret in secrets)
        {
            foreach (var (where, text) in haystacks)
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{where} contiene un secreto del segundo factor en texto plano");
            }
        }
    }

    private static void AssertRevealsNothing(string message, SecondFactor person)
    {
        string[] secrets = [SmtpPassword, SendGridKey, CertificadosDePrueba.Contrasena, person.Seed, .. person.RecoveryCodes];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, message, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The seven protected values as stored, by table.column (tokens by their name).</summary>
    private static Task<Dictionary<string, string>> StoredValuesAsync(CarteroAppFactory app) => app.WithDbAsync(async db =>
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var mail = await db.MailSettings.AsNoTracking().SingleAsync(Ct);
        values["configuracion_correo.contrasena_cifrada"] = mail.PasswordEncrypted!;
        values["configuracion_correo.clave_api_cifrada"] = mail.ApiKeyEncrypted!;
        values["configuracion_correo.buzon_rebotes_contrasena_cifrada"] = mail.BouncePasswordEncrypted!;
        var invoicing = await db.InvoicingSettings.AsNoTracking().SingleAsync(Ct);
        values["configuracion_facturacion.certificado_cifrado"] = invoicing.CertificateEncrypted!;
        values["configuracion_facturacion.contrasena_certificado_cifrada"] = invoicing.CertificatePasswordEncrypted!;
        foreach (var token in await db.UserTokens.AsNoTracking().ToListAsync(Ct))
        {
            values[$"usuario_token.Value[{token.Name}]"] = token.Value!;
        }

        return values;
    });

    private static Task<Guid> UserIdAsync(CarteroAppFactory app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));

    private async Task<CarteroAppFactory> RestartAsync(CarteroAppFactory app)
    {
        await app.DisposeAsync();
        var next = await NewAppAsync(dataDirectory: app.DataDirectory, sharedConnectionString: app.PostgresConnectionString);
        _ = next.Services;
        return next;
    }

    private async Task<SecretKeyException> FailedRestartAsync(CarteroAppFactory app)
    {
        await app.DisposeAsync();
        var next = await NewAppAsync(dataDirectory: app.DataDirectory, sharedConnectionString: app.PostgresConnectionString);
        var ex = Assert.ThrowsAny<Exception>(() => next.Services);
        var error = ex as SecretKeyException ?? ex.InnerException as SecretKeyException
            ?? (ex as AggregateException)?.InnerExceptions.OfType<SecretKeyException>().FirstOrDefault();
        Assert.True(error is not null, ex.ToString());
        return error;
    }

    /// <summary>Flips one bit of the ciphertext (or of a plain value), as damage or an edit would.</summary>
    private static string Tamper(string value)
    {
        var parts = value.Split(':', 3);
        if (parts.Length < 3)
        {
            return value[..^1] + (value[^1] == 'A' ? 'B' : 'A');
        }

        var bytes = Convert.FromBase64String(parts[2]);
        bytes[^1] ^= 1;
        return $"{parts[0]}:{parts[1]}:{Convert.ToBase64String(bytes)}";
    }

    /// <summary>The first format, as Cartero wrote it before values were bound to their place: AES-256-GCM, key id only as associated data.</summary>
    private static string LegacyV1(string plaintext, string keyFile)
    {
        var id = Path.GetFileNameWithoutExtension(keyFile);
        var key = Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(0, 12), plain, output.AsSpan(12, plain.Length), output.AsSpan(12 + plain.Length), Encoding.UTF8.GetBytes($"cartero:secreto:v1:{id}"));
        return $"v1:{id}:{Convert.ToBase64String(output)}";
    }
}

public sealed class SqliteProtectedValuesTests() : ProtectedValuesTests(null);

public sealed class PostgresProtectedValuesTests(PostgresCluster postgres) : ProtectedValuesTests(postgres);
