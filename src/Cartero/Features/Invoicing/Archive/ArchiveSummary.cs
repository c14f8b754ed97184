namespace Cartero.Features.Invoicing.Archive;

/// <summary>What an archive run wrote: how many documents of each kind and the index's own hash.</summary>
internal sealed record ArchiveSummary(IReadOnlyDictionary<string, int> Documents, string IndexSha256)
{
    public int Total => Documents.Values.Sum();
}
