using System.Diagnostics;

namespace Cartero.Sri.Tests;

/// <summary>Runs the Debian tools the tests check against (installed by the project's test script).</summary>
internal static class Herramientas
{
    public static (int Codigo, string Salida, string Errores) Ejecutar(string programa, string paquete, params string[] argumentos)
    {
        var psi = new ProcessStartInfo(programa) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in argumentos)
        {
            psi.ArgumentList.Add(a);
        }

        Process proceso;
        try
        {
            proceso = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            // Not a skip: the project's test script installs these tools, so a missing one is a failure.
            throw new InvalidOperationException($"{programa} no está instalado (apt-get install -y {paquete}).", ex);
        }

        using (proceso)
        {
            var stdout = proceso.StandardOutput.ReadToEndAsync();
            var stderr = proceso.StandardError.ReadToEnd();
            proceso.WaitForExit();
            return (proceso.ExitCode, stdout.Result, stderr);
        }
    }

    /// <summary>
    /// The PDF's text as lines rebuilt from word boxes (pdftotext -bbox): words whose tops are
    /// within 3 points form one line, read left to right; pages are separated by form feeds.
    /// </summary>
    public static string PdfATexto(byte[] pdf)
    {
        var carpeta = RutasPrueba.CarpetaTemporal();
        var archivo = Path.Combine(carpeta, "ride.pdf");
        File.WriteAllBytes(archivo, pdf);
        var (codigo, salida, errores) = Ejecutar("pdftotext", "poppler-utils", "-bbox", "-enc", "UTF-8", archivo, "-");
        Assert.True(codigo == 0, errores);
        var paginas = new List<string>();
        foreach (var pagina in salida.Split("<page ").Skip(1))
        {
            var palabras = System.Text.RegularExpressions.Regex.Matches(pagina, "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\"[^>]*>(.*?)</word>")
                .Select(m => (X: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    Y: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                    Texto: System.Net.WebUtility.HtmlDecode(m.Groups[3].Value)))
                .OrderBy(w => w.Y).ToList();
            var lineas = new List<List<(double X, double Y, string Texto)>>();
            foreach (var w in palabras)
            {
                if (lineas.Count > 0 && Math.Abs(lineas[^1][0].Y - w.Y) < 3)
                {
                    lineas[^1].Add(w);
                }
                else
                {
                    lineas.Add([w]);
                }
            }

            paginas.Add(string.Join("\n", lineas.Select(l => string.Join(" ", l.OrderBy(w => w.X).Select(w => w.Texto)))));
        }

        return string.Join("\f", paginas);
    }
}
