namespace Cartero.Features.Invoicing.Points;

/// <summary>A row of <c>establecimiento</c>: one of the issuer's premises, with the address the comprobante prints as <c>dirEstablecimiento</c>.</summary>
public sealed class Establishment
{
    /// <summary>The 3-digit code (001…999) that opens the número and sits in the clave de acceso.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
