namespace Cartero.Platform.Secrets;

/// <summary>
/// Encrypts protected values (SMTP passwords, API keys, the signing certificate and its password, authenticator
/// keys, recovery codes) with a key held outside the database, so a copy of the database alone reveals nothing.
/// Every ciphertext is bound to its <see cref="SecretPurpose"/> (table, column, row): it opens only where it was written.
/// </summary>
public interface ISecretProtector
{
    /// <summary>
    /// Encrypts <paramref name="plaintext"/> for <paramref name="purpose"/> with the current master key. The result
    /// (<c>v2:&lt;key id&gt;:&lt;base64&gt;</c>) names the key that encrypted it.
    /// </summary>
    /// <param name="plaintext">The secret; never logged or kept.</param>
    /// <param name="purpose">The table, column and row the value is stored in; the same purpose is needed to decrypt it.</param>
    string Protect(string plaintext, SecretPurpose purpose);

    /// <summary>
    /// Decrypts a value made by <see cref="Protect"/> for the same <paramref name="purpose"/>. Throws
    /// <see cref="SecretKeyException"/> when its key is missing or wrong, when the value was altered, or when it was
    /// written for another table, column or row; the message names the place, never the value.
    /// </summary>
    /// <param name="protectedValue">The stored ciphertext.</param>
    /// <param name="purpose">Where the value was read from.</param>
    string Unprotect(string protectedValue, SecretPurpose purpose);

    /// <summary>
    /// Decrypts a value in the first format (<c>v1:…</c>), which was bound to its key only. Used solely to upgrade such
    /// values in place to the current format (start-up and <c>keys rotate</c>); nothing else may accept them.
    /// </summary>
    /// <param name="protectedValue">A stored <c>v1:</c> ciphertext.</param>
    /// <param name="purpose">Where the value was read from, for the error message only (v1 values do not carry it).</param>
    string UnprotectLegacy(string protectedValue, SecretPurpose purpose);
}
