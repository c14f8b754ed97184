namespace Cartero.Features.Invoicing.Points;

/// <summary>Body of <c>PUT /api/v1/settings/invoicing/establishments/{code}</c>: creates or changes an establecimiento.</summary>
public sealed record EstablishmentUpdate
{
    public string? Name { get; init; }
    /// <summary>Printed on the comprobante as <c>dirEstablecimiento</c> and on the RIDE as "Dirección Sucursal".</summary>
    public string? Address { get; init; }
}
