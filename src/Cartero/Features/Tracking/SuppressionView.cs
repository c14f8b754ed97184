namespace Cartero.Features.Tracking;

/// <summary>One address of the suppression list as the API and the panel show it.</summary>
public sealed record SuppressionView(Guid Id, string Address, string Reason, string SourceEvent, DateTime AddedAt, string AddedBy)
{
    public static SuppressionView From(SuppressionEntry e) => new(e.Id, e.Address, e.Reason, e.SourceEvent, e.AddedAt, e.AddedBy);
}
