using System.Globalization;

namespace Cartero.Sri;

// The nota de crédito's own block, kept apart from the factura's layout.
public static partial class Ride
{
    /// <summary>Inside the buyer box: the comprobante modified, its date and the motivo; returns the y below.</summary>
    private static float DocumentoModificado(Pintor p, DatosNotaCreditoRide nc, float y)
    {
        const float derecha = Ancho - Margen;
        y += 2;
        p.Linea(Margen, y, derecha, y);
        y += 3;
        var doc = nc.DocumentoModificado;
        y = p.Texto($"Comprobante que se modifica: {doc.NombreTipo} {doc.NumDocModificado}", Margen + 6, y, p.Normal, 10);
        y = p.Texto($"Fecha Emisión (Comprobante a modificar): {doc.FechaEmisionDocSustento.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}", Margen + 6, y, p.Normal, 10);
        return p.Parrafo($"Razón de Modificación: {nc.Motivo}", Margen + 6, y, 520, p.Normal, 10);
    }
}
