using Cartero.Platform;
using Cartero.Platform.Secrets;
using Microsoft.Extensions.Options;

namespace Cartero.Tests.Platform.Secrets;

public sealed class SecretProtectionTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("cartero-claves-").FullName;

    private static readonly SecretPurpose Password = new("configuracion_correo", "contrasena_cifrada", "1");

    private MasterKeyRing Ring(SecretsOptions? options = null) => new(new DataDirectory(_root), Options.Create(options ?? new SecretsOptions()));

    [Fact]
    public void A_secret_round_trips_and_its_ciphertext_reveals_nothing()
    {
        var protector = new AesGcmSecretProtector(Ring());

        var sealedValue = protector.Protect("MiClaveSmtp#2026", Password);

        Assert.StartsWith("v2:", sealedValue);
        Assert.DoesNotContain("MiClaveSmtp", sealedValue);
        Assert.NotEqual(sealedValue, protector.Protect("MiClaveSmtp#2026", Password));
        Assert.Equal("MiClaveSmtp#2026", protector.Unprotect(sealedValue, Password));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_key_file_is_created_on_first_use_readable_by_the_owner_only()
    {
        _ = Ring().Current;

        var file = Assert.Single(Directory.GetFiles(Path.Combine(_root, "keys"), "*.key"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_root, "keys")));
    }

    [Fact]
    public void A_tampered_value_or_a_missing_or_wrong_key_fails_with_a_clear_message()
    {
        var protector = new AesGcmSecretProtector(Ring());
        var sealedValue = protector.Protect("secreto", Password);
        var parts = sealedValue.Split(':');
        var bytes = Convert.FromBase64String(parts[2]);
        bytes[^1] ^= 1;

        Assert.Throws<SecretKeyException>(() => protector.Unprotect($"v2:{parts[1]}:{Convert.ToBase64String(bytes)}", Password));

        foreach (var file in Directory.GetFiles(Path.Combine(_root, "keys")))
        {
            File.Delete(file);
        }

        var missing = Assert.Throws<SecretKeyException>(() => new AesGcmSecretProtector(Ring()).Unprotect(sealedValue, Password));
        Assert.Contains("Falta la clave maestra", missing.Message);
        Assert.Contains(Path.Combine(_root, "keys"), missing.Message);

        var wrongKey = new SecretsOptions { MasterKey = Convert.ToBase64String(new byte[32]) };
        var other = new AesGcmSecretProtector(Ring(wrongKey));
        var wrong = Assert.Throws<SecretKeyException>(() => other.Unprotect(sealedValue.Replace($"v2:{parts[1]}:", "v2:config:", StringComparison.Ordinal), Password));
        Assert.Contains("no es la que lo cifró", wrong.Message);
    }

    [Fact]
    public void Rotation_makes_a_new_current_key_and_old_secrets_still_open()
    {
        var ring = Ring();
        var protector = new AesGcmSecretProtector(ring);
        var old = protector.Protect("antiguo", Password);
        var firstId = ring.Current.Id;

        var newId = ring.Rotate();

        Assert.NotEqual(firstId, newId);
        Assert.Equal(newId, ring.Current.Id);
        Assert.Contains($":{newId}:", protector.Protect("nuevo", Password));
        Assert.Equal("antiguo", protector.Unprotect(old, Password));
        Assert.Equal(newId, Ring().Current.Id);
    }

    [Fact]
    public void A_value_opens_only_for_the_table_column_and_row_it_was_written_for()
    {
        var protector = new AesGcmSecretProtector(Ring());
        var apiKey = new SecretPurpose("configuracion_correo", "clave_api_cifrada", "1");
        var sealedValue = protector.Protect("SG.clave", apiKey);

        Assert.Equal("SG.clave", protector.Unprotect(sealedValue, apiKey));
        foreach (var elsewhere in new[]
        {
            Password,
            apiKey with { RowId = "2" },
            apiKey with { Table = "configuracion_facturacion" },
            // Near misses: text moved between table, column and row is another purpose.
            new SecretPurpose("configuracion_correo:clave_api_cifrada", "", "1"),
            new SecretPurpose("configuracion_correo", "clave_api_cifrada:1", ""),
        })
        {
            var moved = Assert.Throws<SecretKeyException>(() => protector.Unprotect(sealedValue, elsewhere));
            Assert.Contains(elsewhere.ToString(), moved.Message, StringComparison.Ordinal);
            Assert.Contains("copiado desde otra columna u otra fila", moved.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("SG.clave", moved.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_value_of_the_first_format_is_opened_only_to_be_upgraded()
    {
        var ring = Ring();
        var (id, key) = ring.Current;
        var plain = System.Text.Encoding.UTF8.GetBytes("antiguo");
        var output = new byte[12 + plain.Length + 16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using (var aes = new System.Security.Cryptography.AesGcm(key, 16))
        {
            aes.Encrypt(output.AsSpan(0, 12), plain, output.AsSpan(12, plain.Length), output.AsSpan(12 + plain.Length), System.Text.Encoding.UTF8.GetBytes($"cartero:secreto:v1:{id}"));
        }

        var v1 = $"v1:{id}:{Convert.ToBase64String(output)}";
        var protector = new AesGcmSecretProtector(ring);

        var refused = Assert.Throws<SecretKeyException>(() => protector.Unprotect(v1, Password));
        Assert.Contains("formato antiguo v1", refused.Message, StringComparison.Ordinal);
        Assert.Equal("antiguo", protector.UnprotectLegacy(v1, Password));
        Assert.Throws<SecretKeyException>(() => protector.UnprotectLegacy(protector.Protect("nuevo", Password), Password));
    }
}
