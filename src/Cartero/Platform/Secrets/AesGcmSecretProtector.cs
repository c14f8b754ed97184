using System.Security.Cryptography;
using System.Text;

namespace Cartero.Platform.Secrets;

/// <summary>
/// AES-256-GCM with the master key ring. The ciphertext is <c>v2:&lt;key id&gt;:&lt;base64(nonce|cipher|tag)&gt;</c>,
/// so it names the key that can open it; the key id and the value's table, column and row are bound as associated
/// data. The first format (<c>v1:</c>, key id only) is still read, solely to upgrade it.
/// </summary>
public sealed class AesGcmSecretProtector(MasterKeyRing keys) : ISecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Protect(string plaintext, SecretPurpose purpose)
    {
        var (id, key) = keys.Current;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Aad(id, purpose));
        return $"{SecretFormat.Current}:{id}:{Convert.ToBase64String(output)}";
    }

    public string Unprotect(string protectedValue, SecretPurpose purpose)
    {
        var parts = protectedValue.Split(':', 3);
        if (parts is [SecretFormat.Legacy, _, _])
        {
            throw new SecretKeyException(
                $"El valor de {purpose} está en el formato antiguo v1, que no está ligado a su columna ni a su fila; " +
                "Cartero lo convierte al iniciar. Inicie Cartero (o ejecute 'keys rotate') para convertirlo.");
        }

        if (parts is not [SecretFormat.Current, var id, var payload])
        {
            throw new SecretKeyException($"El valor de {purpose} no es un secreto cifrado por Cartero (formato desconocido).");
        }

        return Open(id, payload, Aad(id, purpose), purpose,
            $"El secreto de {purpose} no se pudo descifrar con la clave maestra '{id}' de {keys.Location}: la clave no es la que lo cifró, " +
            "el valor fue alterado o fue copiado desde otra columna u otra fila (cada secreto solo se abre en el lugar donde se guardó).");
    }

    public string UnprotectLegacy(string protectedValue, SecretPurpose purpose)
    {
        if (protectedValue.Split(':', 3) is not [SecretFormat.Legacy, var id, var payload])
        {
            throw new SecretKeyException($"El valor de {purpose} no es un secreto cifrado por Cartero en el formato v1.");
        }

        return Open(id, payload, Encoding.UTF8.GetBytes($"cartero:secreto:v1:{id}"), purpose,
            $"El secreto de {purpose} (formato v1) no se pudo descifrar con la clave maestra '{id}' de {keys.Location}: la clave no es la que lo cifró o el valor fue alterado.");
    }

    private string Open(string id, string payload, byte[] aad, SecretPurpose purpose, string mismatch)
    {
        if (!keys.TryGet(id, out var key))
        {
            throw new SecretKeyException(
                $"Falta la clave maestra '{id}' con la que se cifró {purpose}; se buscó en {keys.Location}. " +
                "Restaure la carpeta de claves desde su respaldo (o configure Cartero:Secrets) y vuelva a iniciar.");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(payload);
        }
        catch (FormatException ex)
        {
            throw new SecretKeyException($"El secreto de {purpose} está dañado (no es base64).", ex);
        }

        if (data.Length < NonceSize + TagSize)
        {
            throw new SecretKeyException($"El secreto de {purpose} está dañado (demasiado corto).");
        }

        var cipherLength = data.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, cipherLength), data.AsSpan(NonceSize + cipherLength), plain, aad);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SecretKeyException(mismatch, ex);
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Length-prefixed parts, so no choice of table, column or row id can collide with another.</summary>
    private static byte[] Aad(string keyId, SecretPurpose purpose)
    {
        var text = new StringBuilder("cartero:secreto:v2");
        foreach (var part in new[] { keyId, purpose.Table, purpose.Column, purpose.RowId })
        {
            text.Append(':').Append(part.Length).Append(':').Append(part);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
