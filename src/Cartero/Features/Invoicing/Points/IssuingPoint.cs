namespace Cartero.Features.Invoicing.Points;

/// <summary>
/// A row of <c>punto_emision</c>: a cash desk of an establecimiento. Its secuencial lives in <c>secuencial_factura</c>
/// under the same establecimiento and punto, one counter per ambiente.
/// </summary>
public sealed class IssuingPoint
{
    public required string EstablishmentCode { get; set; }
    public required string Code { get; set; }
    public required string Description { get; set; }
    /// <summary><see cref="RideLayouts.A4"/> or <see cref="RideLayouts.Roll80mm"/>.</summary>
    public required string RideLayout { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
