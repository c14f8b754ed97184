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

    /// <summary>The id of the master key a <c>v2</c> or <c>v1</c> value names, read from its prefix; null for anything else.</summary>
    public static string? KeyIdOf(string value) =>
        (IsCurrent(value) || IsLegacy(value)) && value.IndexOf(':', 3) is > 3 and var end ? value[3..end] : null;

    /// <summary>How a value encrypted with the key <paramref name="keyId"/> in the current format begins.</summary>
    public static string PrefixOf(string keyId) => $"{Current}:{keyId}:";
}
