namespace Cartero.Platform.Secrets;

/// <summary>The outcome of opening every registered value: what opened, and a line per value that did not (never the value).</summary>
public sealed record ProtectedValueScan(IReadOnlyList<OpenedValue> Opened, IReadOnlyList<string> Failures);
