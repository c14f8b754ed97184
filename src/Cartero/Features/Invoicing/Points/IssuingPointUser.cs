namespace Cartero.Features.Invoicing.Points;

/// <summary>A row of <c>punto_emision_usuario</c>: the caja a seller works at, so the store's sales are numbered there. One per user.</summary>
public sealed class IssuingPointUser
{
    public required string UserName { get; set; }
    public required string EstablishmentCode { get; set; }
    public required string PointCode { get; set; }
}
