using System.Diagnostics;
using Cartero.Sri;

namespace Cartero.Bench;

/// <summary>
/// What the point of sale does for one factura before handing it over: XML, schema check, XAdES-BES
/// signature and RIDE. The SRI web services are left out: their round trip is the SRI's, not ours.
/// One instance per worker, so no signer state is ever shared between threads.
/// </summary>
internal sealed class SriCounter(SriSchemaValidator validator, CertificadoFirma certificate)
{
    private readonly FirmadorXades _signer = new(certificate);

    public (FacturaGenerada Generated, byte[] Signed, byte[] Pdf, SriTimings Timings) Issue(Factura factura)
    {
        var start = Stopwatch.GetTimestamp();
        var generated = FacturaXmlWriter.Generar(factura);
        var built = Stopwatch.GetTimestamp();
        var schema = validator.ValidarFactura(generated.Xml);
        var validated = Stopwatch.GetTimestamp();
        if (!schema.EsValido)
        {
            // A benchmark of documents the SRI would reject (error 35) would measure nothing useful.
            throw new InvalidOperationException($"La factura {factura.NumeroComprobante} no cumple el esquema XSD: {string.Join("; ", schema.Errores)}");
        }

        var signed = _signer.Firmar(generated.Xml);
        var signedAt = Stopwatch.GetTimestamp();
        var pdf = Ride.GenerarPdf(DatosRide.Desde(factura, generated));
        var end = Stopwatch.GetTimestamp();
        return (generated, signed, pdf, new SriTimings(
            Stopwatch.GetElapsedTime(start, built).TotalMilliseconds,
            Stopwatch.GetElapsedTime(built, validated).TotalMilliseconds,
            Stopwatch.GetElapsedTime(validated, signedAt).TotalMilliseconds,
            Stopwatch.GetElapsedTime(signedAt, end).TotalMilliseconds));
    }
}
