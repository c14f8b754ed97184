namespace Cartero.Features.Retention;

/// <summary>
/// One row of <c>retencion_legal</c>: while active (not released), no email about this entity, or to this person,
/// loses its content. Released holds stay as history.
/// </summary>
public sealed class LegalHold
{
    public Guid Id { get; set; }
    /// <summary>Matches <c>entidad_tipo</c> (<c>factura</c>, <c>venta</c>…) or <c>destinatario_tipo</c> (<c>cliente</c>…).</summary>
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Reason { get; set; }
    public DateTime PlacedAt { get; set; }
    public required string PlacedBy { get; set; }
    public DateTime? ReleasedAt { get; set; }
    public string? ReleasedBy { get; set; }
}
