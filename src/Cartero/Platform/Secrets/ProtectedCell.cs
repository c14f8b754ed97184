namespace Cartero.Platform.Secrets;

/// <summary>One stored protected value, loaded through its <see cref="IProtectedColumn"/>; <see cref="Write"/> changes the tracked row.</summary>
public sealed class ProtectedCell(IProtectedColumn column, SecretPurpose purpose, string stored, Action<string> write)
{
    public IProtectedColumn Column { get; } = column;

    public SecretPurpose Purpose { get; } = purpose;

    /// <summary>The value as stored (ciphertext, or plain text for a column not yet upgraded).</summary>
    public string Stored { get; } = stored;

    /// <summary>Replaces the stored value on the tracked row; saved with the context.</summary>
    public void Write(string value) => write(value);
}
