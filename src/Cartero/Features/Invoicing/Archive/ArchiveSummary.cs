namespace Cartero.Features.Invoicing.Archive;

/// <summary>What an archive run wrote: how many documents of each kind, the index's own hash, and what could not be included.</summary>
internal sealed record ArchiveSummary(IReadOnlyDictionary<string, int> Documents, string IndexSha256, IReadOnlyList<string>? Errors = null)
{
    public int ErrorCount => Errors?.Count ?? 0;

    public int Total => Documents.Values.Sum();
}
