using System.Security.Cryptography;
using System.Text;

namespace Cartero.Platform.Secrets;

/// <summary>
/// AES-256-GCM with the master key ring. The ciphertext is <c>v1:&lt;key id&gt;:&lt;base64(nonce|cipher|tag)&gt;</c>,
/// so it names the key that can open it; the key id is bound as associated data.
/// </summary>
public sealed class AesGcmSecretProtector(MasterKeyRing keys) : ISecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Protect(string plaintext)
    {
        var (id, key) = keys.Current;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Aad(id));
        return $"v1:{id}:{Convert.ToBase64String(output)}";
    }

    public string Unprotect(string protectedValue)
    {
        var parts = protectedValue.Split(':', 3);
        if (parts is not ["v1", var id, var payload])
        {
            throw new SecretKeyException("El valor guardado no es un secreto cifrado por Cartero (formato desconocido).");
        }

        if (!keys.TryGet(id, out var key))
        {
            throw new SecretKeyException(
                $"Falta la clave maestra '{id}' con la que se cifraron los secretos; se buscó en {keys.Location}. " +
                "Restaure la carpeta de claves desde su respaldo (o configure Cartero:Secrets) y vuelva a iniciar.");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(payload);
        }
        catch (FormatException ex)
        {
            throw new SecretKeyException("El secreto cifrado está dañado (no es base64).", ex);
        }

        if (data.Length < NonceSize + TagSize)
        {
            throw new SecretKeyException("El secreto cifrado está dañado (demasiado corto).");
        }

        var cipherLength = data.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, cipherLength), data.AsSpan(NonceSize + cipherLength), plain, Aad(id));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SecretKeyException(
                $"El secreto no se pudo descifrar con la clave maestra '{id}' de {keys.Location}: la clave no es la que lo cifró o el valor fue alterado.", ex);
        }

        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Aad(string keyId) => Encoding.UTF8.GetBytes($"cartero:secreto:v1:{keyId}");
}
