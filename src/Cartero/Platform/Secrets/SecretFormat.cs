namespace Cartero.Platform.Secrets;

/// <summary>Recognises the stored forms of a protected value without decrypting it.</summary>
public static class SecretFormat
{
    /// <summary>The current format: bound to key, table, column and row.</summary>
    public const string Current = "v2";

    /// <summary>The first format: bound to the key only; upgraded in place at start-up.</summary>
    public const string Legacy = "v1";

    public static bool IsCurrent(string value) => value.StartsWith(Current + ":", StringComparison.Ordinal);

    public static bool IsLegacy(string value) => value.StartsWith(Legacy + ":", StringComparison.Ordinal);
}
