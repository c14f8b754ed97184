namespace Cartero.Features.Tracking;

/// <summary>
/// An address Cartero does not send to (table <c>lista_supresion</c>): it hard-bounced, complained or unsubscribed,
/// or a person added it. Stored lower-case, one row per address.
/// </summary>
public sealed class SuppressionEntry
{
    public Guid Id { get; set; }
    public required string Address { get; set; }
    public required string Reason { get; set; }
    /// <summary>What put it there: the report kind and email (<c>rebote_duro:&lt;id&gt;</c>) or <c>manual</c>.</summary>
    public required string SourceEvent { get; set; }
    public DateTime AddedAt { get; set; }
    public required string AddedBy { get; set; }
}
