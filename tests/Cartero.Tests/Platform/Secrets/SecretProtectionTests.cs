using Cartero.Platform;
using Cartero.Platform.Secrets;
using Microsoft.Extensions.Options;

namespace Cartero.Tests.Platform.Secrets;

public sealed class SecretProtectionTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("cartero-claves-").FullName;

    private MasterKeyRing Ring(SecretsOptions? options = null) => new(new DataDirectory(_root), Options.Create(options ?? new SecretsOptions()));

    [Fact]
    public void A_secret_round_trips_and_its_ciphertext_reveals_nothing()
    {
        var protector = new AesGcmSecretProtector(Ring());

        var sealedValue = protector.Protect("MiClaveSmtp#2026");

        Assert.StartsWith("v1:", sealedValue);
        Assert.DoesNotContain("MiClaveSmtp", sealedValue);
        Assert.NotEqual(sealedValue, protector.Protect("MiClaveSmtp#2026"));
        Assert.Equal("MiClaveSmtp#2026", protector.Unprotect(sealedValue));
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
        var sealedValue = protector.Protect("secreto");
        var parts = sealedValue.Split(':');
        var bytes = Convert.FromBase64String(parts[2]);
        bytes[^1] ^= 1;

        Assert.Throws<SecretKeyException>(() => protector.Unprotect($"v1:{parts[1]}:{Convert.ToBase64String(bytes)}"));

        foreach (var file in Directory.GetFiles(Path.Combine(_root, "keys")))
        {
            File.Delete(file);
        }

        var missing = Assert.Throws<SecretKeyException>(() => new AesGcmSecretProtector(Ring()).Unprotect(sealedValue));
        Assert.Contains("Falta la clave maestra", missing.Message);
        Assert.Contains(Path.Combine(_root, "keys"), missing.Message);

        var wrongKey = new SecretsOptions { MasterKey = Convert.ToBase64String(new byte[32]) };
        var other = new AesGcmSecretProtector(Ring(wrongKey));
        var wrong = Assert.Throws<SecretKeyException>(() => other.Unprotect(sealedValue.Replace($"v1:{parts[1]}:", "v1:config:", StringComparison.Ordinal)));
        Assert.Contains("no es la que lo cifró", wrong.Message);
    }

    [Fact]
    public void Rotation_makes_a_new_current_key_and_old_secrets_still_open()
    {
        var ring = Ring();
        var protector = new AesGcmSecretProtector(ring);
        var old = protector.Protect("antiguo");
        var firstId = ring.Current.Id;

        var newId = ring.Rotate();

        Assert.NotEqual(firstId, newId);
        Assert.Equal(newId, ring.Current.Id);
        Assert.Contains($":{newId}:", protector.Protect("nuevo"));
        Assert.Equal("antiguo", protector.Unprotect(old));
        Assert.Equal(newId, Ring().Current.Id);
    }
}
