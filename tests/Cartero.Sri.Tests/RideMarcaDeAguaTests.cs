using System.Text.RegularExpressions;

namespace Cartero.Sri.Tests;

/// <summary>The optional mark drawn over every page of the RIDE (an annulled invoice's "ANULADA").</summary>
public sealed class RideMarcaDeAguaTests
{
    // The mark is drawn diagonally and last: pdftotext -raw keeps drawing order, so its letters come out together.
    private static string TextoEnOrden(byte[] pdf)
    {
        var archivo = Path.Combine(RutasPrueba.CarpetaTemporal(), "ride.pdf");
        File.WriteAllBytes(archivo, pdf);
        var (codigo, salida, errores) = Herramientas.Ejecutar("pdftotext", "poppler-utils", "-raw", "-enc", "UTF-8", archivo, "-");
        Assert.True(codigo == 0, errores);
        return Regex.Replace(salida, @"\s+", "");
    }

    [Fact]
    public void The_mark_is_printed_last_when_given_and_absent_otherwise()
    {
        var f = FacturasDePrueba.Basica();
        var datos = DatosRide.Desde(f, FacturaXmlWriter.Generar(f));

        var normal = TextoEnOrden(Ride.GenerarPdf(datos));
        var anulada = TextoEnOrden(Ride.GenerarPdf(datos with { MarcaDeAgua = "ANULADA" }));

        Assert.DoesNotContain("ANULADA", normal, StringComparison.Ordinal);
        Assert.Contains("ANULADAPágina1de1", anulada, StringComparison.Ordinal);
        // The document itself is unchanged under the mark.
        Assert.Equal(normal, anulada.Replace("ANULADA", "", StringComparison.Ordinal));
    }
}
