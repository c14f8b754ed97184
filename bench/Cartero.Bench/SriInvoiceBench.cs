using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cartero.Sri;

namespace Cartero.Bench;

/// <summary>
/// Latency of issuing an SRI factura at the counter (XML, XSD validation, XAdES-BES signature, RIDE PDF),
/// one after another and with one worker per core.
/// </summary>
internal static class SriInvoiceBench
{
    private const int WarmUpInvoices = 20;
    private const double TargetP95Ms = 150;

    public static async Task RunAsync(int invoices, int lines, string schemaDirectory)
    {
        Console.WriteLine($"Esquemas del SRI: {schemaDirectory}");
        var pkcs12 = BenchCertificate.CreatePkcs12();
        var validator = new SriSchemaValidator(new SriSchemaOptions { SchemaDirectory = schemaDirectory });
        using var certificate = CertificadoFirma.Cargar(pkcs12, BenchCertificate.Password);
        var counter = new SriCounter(validator, certificate);
        long secuencial = 0;

        var sample = counter.Issue(SampleFactura.Create(++secuencial, lines));
        Verify(validator, sample.Signed, sample.Pdf);
        Console.WriteLine($"Factura de {lines} líneas: XML {Kb(sample.Generated.Xml.Length)} sin firmar, {Kb(sample.Signed.Length)} firmado; " +
                          $"RIDE PDF {Kb(sample.Pdf.Length)}; importe total {sample.Generated.Totales.ImporteTotal.ToString("0.00", CultureInfo.InvariantCulture)} USD");
        Console.WriteLine("Verificación: el XML cumple factura_V1.1.0.xsd (sin firmar y firmado) y la firma XAdES-BES es válida.");

        for (var i = 0; i < WarmUpInvoices; i++)
        {
            counter.Issue(SampleFactura.Create(++secuencial, lines));
        }

        // Sequential: one cashier, one factura after another.
        var facturas = Enumerable.Range(0, invoices).Select(_ => SampleFactura.Create(++secuencial, lines)).ToArray();
        var timings = new SriTimings[invoices];
        Collect();
        var cpuBefore = Cpu();
        var batch = Stopwatch.StartNew();
        for (var i = 0; i < invoices; i++)
        {
            timings[i] = counter.Issue(facturas[i]).Timings;
        }

        batch.Stop();
        var sequential = new BenchResult("secuencial (1 trabajador)", invoices, batch.Elapsed, Cpu() - cpuBefore);

        // Parallel: one worker per core, each with its own certificate and signer; the validator is
        // documented thread-safe and shares its compiled schemas.
        var workers = Environment.ProcessorCount;
        var parallelFacturas = Enumerable.Range(0, invoices).Select(_ => SampleFactura.Create(++secuencial, lines)).ToArray();
        var parallelTotals = new double[invoices];
        var certificates = Enumerable.Range(0, workers).Select(_ => CertificadoFirma.Cargar(pkcs12, BenchCertificate.Password)).ToArray();
        try
        {
            var workerCounters = certificates.Select(c => new SriCounter(validator, c)).ToArray();
            foreach (var c in workerCounters)
            {
                c.Issue(SampleFactura.Create(++secuencial, lines)); // first use of each private key
            }

            var next = -1;
            Collect();
            cpuBefore = Cpu();
            batch.Restart();
            await Task.WhenAll(workerCounters.Select(c => Task.Factory.StartNew(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < invoices)
                {
                    parallelTotals[i] = c.Issue(parallelFacturas[i]).Timings.TotalMs;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
            batch.Stop();
        }
        finally
        {
            foreach (var c in certificates)
            {
                c.Dispose();
            }
        }

        var parallel = new BenchResult($"paralelo ({workers} trabajadores)", invoices, batch.Elapsed, Cpu() - cpuBefore);

        var total = Percentiles(timings.Select(t => t.TotalMs));
        Console.WriteLine();
        Console.WriteLine($"{"paso (secuencial, " + invoices.ToString("N0", CultureInfo.InvariantCulture) + " facturas)",-44} {"p50 ms",8} {"p95 ms",8} {"máx ms",8}");
        Row("construir XML (FacturaXmlWriter.Generar)", Percentiles(timings.Select(t => t.BuildMs)));
        Row("validar contra factura_V1.1.0.xsd", Percentiles(timings.Select(t => t.ValidateMs)));
        Row("firmar XAdES-BES (FirmadorXades)", Percentiles(timings.Select(t => t.SignMs)));
        Row("RIDE PDF (Ride.GenerarPdf)", Percentiles(timings.Select(t => t.RideMs)));
        Row("total por factura", total);
        Console.WriteLine($"objetivo: p95 ≤ {TargetP95Ms:0} ms por factura de {lines} líneas → {(total.P95 <= TargetP95Ms ? "✔" : "✘")} ({total.P95.ToString("0.0", CultureInfo.InvariantCulture)} ms)");

        var parallelTotal = Percentiles(parallelTotals);
        Console.WriteLine();
        Console.WriteLine($"{"escenario",-32} {"facturas",9} {"facturas/s",11} {"CPU ms/factura",15} {"p50 ms",8} {"p95 ms",8}");
        Scenario(sequential, total);
        Scenario(parallel, parallelTotal);
        Console.WriteLine();
        Console.WriteLine($"Máquina: {Environment.ProcessorCount} núcleos, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }

    /// <summary>Aborts unless the document is one the SRI would accept, so no broken work gets measured.</summary>
    private static void Verify(SriSchemaValidator validator, byte[] signed, byte[] pdf)
    {
        var schema = validator.ValidarFactura(signed);
        if (!schema.EsValido)
        {
            throw new InvalidOperationException("La factura firmada no cumple el esquema XSD: " + string.Join("; ", schema.Errores));
        }

        var signature = VerificadorXades.Verificar(signed);
        if (!signature.EsValida)
        {
            throw new InvalidOperationException("La firma XAdES-BES no se verifica: " + string.Join("; ", signature.Errores));
        }

        if (pdf.Length < 5 || Encoding.ASCII.GetString(pdf, 0, 5) != "%PDF-")
        {
            throw new InvalidOperationException("El RIDE generado no es un PDF.");
        }
    }

    private static void Row(string step, (double P50, double P95, double Max) p) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step,-44} {p.P50,8:0.0} {p.P95,8:0.0} {p.Max,8:0.0}"));

    private static void Scenario(BenchResult r, (double P50, double P95, double Max) p) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Name,-32} {r.Messages,9} {r.MessagesPerSecond,11:0.0} {r.CpuMsPerMessage,15:0.0} {p.P50,8:0.0} {p.P95,8:0.0}"));

    private static (double P50, double P95, double Max) Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1], sorted[^1]);
    }

    private static string Kb(int bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
