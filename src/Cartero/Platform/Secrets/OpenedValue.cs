namespace Cartero.Platform.Secrets;

/// <summary>A stored value and its plain text (in memory only); <paramref name="NeedsUpgrade"/> when it is not yet in the current format.</summary>
public sealed record OpenedValue(ProtectedCell Cell, string Plaintext, bool NeedsUpgrade);
