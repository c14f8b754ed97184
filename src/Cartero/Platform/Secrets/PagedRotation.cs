namespace Cartero.Platform.Secrets;

/// <summary>What re-encrypting the paged content did: values per entry, and the clean-up to run after the commit.</summary>
public sealed record PagedRotation(IReadOnlyDictionary<string, int> PerEntry, IReadOnlyList<Action> AfterCommit);
