using Cartero.Features.Invoicing.Points;
using Cartero.Platform.Data;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Invoicing;

/// <summary>
/// The RIDE of an authorised comprobante as its punto de emisión prints it: that punto's layout and the issuer's logo.
/// Scoped: the logo and each punto's layout are read once per request or job, not once per document (the contador's
/// archive renders a whole month in one scope).
/// </summary>
public sealed class RideRenderer(CarteroDbContext db, IssuingPointService points)
{
    private readonly Dictionary<(string, string), string> _layouts = [];
    private byte[]? _logo;
    private bool _logoRead;

    /// <param name="watermark">A mark drawn across every page, e.g. "ANULADA"; none when null.</param>
    /// <exception cref="FormatException">The XML is not a comprobante the RIDE can be drawn from.</exception>
    public async Task<byte[]> RenderAsync(string establishment, string point, byte[] xml, CancellationToken cancellationToken, string? watermark = null)
    {
        if (!_logoRead)
        {
            _logo = await db.InvoicingSettings.AsNoTracking().Where(s => s.Id == InvoicingSettings.SingletonId).Select(s => s.Logo).FirstOrDefaultAsync(cancellationToken);
            _logoRead = true;
        }

        if (!_layouts.TryGetValue((establishment, point), out var layout))
        {
            layout = await points.RideLayoutOfAsync(establishment, point, cancellationToken);
            _layouts[(establishment, point)] = layout;
        }

        return Ride.GenerarPdf(DatosRide.DesdeArchivo(xml) with { Logo = _logo, Formato = RideLayouts.ToFormato(layout), MarcaDeAgua = watermark });
    }
}
