namespace Cartero.Sri;

/// <summary>One reason the SRI would reject a factura, naming the field as the XML does.</summary>
/// <param name="Campo">The field, e.g. "infoFactura/importeTotal" or "detalles/detalle[2]/descripcion".</param>
/// <param name="Mensaje">Spanish explanation.</param>
public sealed record ProblemaFactura(string Campo, string Mensaje)
{
    /// <inheritdoc />
    public override string ToString() => $"{Campo}: {Mensaje}";
}
