using Cartero.Features.Invoicing.Points;
using Cartero.Platform.Data;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing;

/// <summary>The RIDE of an authorised comprobante as its punto de emisión prints it: that punto's layout and the issuer's logo.</summary>
public sealed class RideRenderer(CarteroDbContext db, IssuingPointService points)
{
    /// <param name="watermark">A mark drawn across every page, e.g. "ANULADA"; none when null.</param>
    /// <exception cref="FormatException">The XML is not a factura the RIDE can be drawn from.</exception>
    public async Task<byte[]> RenderAsync(string establishment, string point, byte[] xml, CancellationToken cancellationToken, string? watermark = null)
    {
        var logo = await db.InvoicingSettings.AsNoTracking().Where(s => s.Id == InvoicingSettings.SingletonId).Select(s => s.Logo).FirstOrDefaultAsync(cancellationToken);
        var layout = await points.RideLayoutOfAsync(establishment, point, cancellationToken);
        return Ride.GenerarPdf(DatosRide.DesdeArchivo(xml) with { Logo = logo, Formato = RideLayouts.ToFormato(layout), MarcaDeAgua = watermark });
    }
}
