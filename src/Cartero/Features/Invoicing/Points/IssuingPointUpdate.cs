namespace Cartero.Features.Invoicing.Points;

/// <summary>Body of <c>PUT /api/v1/settings/invoicing/establishments/{code}/points/{point}</c>: creates or changes a punto de emisión.</summary>
public sealed record IssuingPointUpdate
{
    public string? Description { get; init; }
    /// <summary>"a4" (default) or "rollo_80mm".</summary>
    public string? RideLayout { get; init; }
    /// <summary>User names (as they sign in) whose store sales are invoiced at this punto; replaces the list. Null keeps it.</summary>
    public IReadOnlyList<string>? Users { get; init; }
    /// <summary>Raises the next secuencial of this punto in the current ambiente (never lowers it).</summary>
    public long? NextSequential { get; init; }
}
