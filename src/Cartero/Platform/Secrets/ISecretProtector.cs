namespace Cartero.Platform.Secrets;

/// <summary>
/// Encrypts secrets (SMTP passwords, API keys, certificate passwords) with a key held outside the database,
/// so a copy of the database alone reveals nothing.
/// </summary>
public interface ISecretProtector
{
    /// <summary>Encrypts <paramref name="plaintext"/>; the result names the key that encrypted it.</summary>
    string Protect(string plaintext);

    /// <summary>Decrypts a value made by <see cref="Protect"/>; throws <see cref="SecretKeyException"/> when its key is missing or wrong.</summary>
    string Unprotect(string protectedValue);
}
