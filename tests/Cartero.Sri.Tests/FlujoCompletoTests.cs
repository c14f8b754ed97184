using System.Text;

namespace Cartero.Sri.Tests;

/// <summary>The path the app follows, end to end, against the local fake SRI.</summary>
public sealed class FlujoCompletoTests
{
    [Fact]
    public async Task Emitir_autorizar_entregar_y_validar()
    {
        var ct = TestContext.Current.CancellationToken;
        var factura = FacturasDePrueba.ConPagosCuadrados(FacturasDePrueba.Basica(FacturasDePrueba.CompradorCedula,
            new DetalleFactura("Suscripción anual", 1m, 120m, [TarifaImpuesto.Iva15]),
            new DetalleFactura("Envío", 1m, 4.5m, [TarifaImpuesto.Iva0])) with { CodigoNumerico = ClaveDeAcceso.GenerarCodigoNumerico() },
            FormaPago.TarjetaCredito);

        var generada = FacturaXmlWriter.Generar(factura);
        Assert.True(RutasPrueba.Validador.ValidarFactura(generada.Xml).EsValido);
        using var certificado = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        var firmado = new FirmadorXades(certificado).Firmar(generada.Xml);

        // The fake authorises exactly what it received, as the SRI does.
        byte[]? recibido = null;
        await using var srv = new ServidorSriFalso((s, _) =>
        {
            if (s.EsRecepcion)
            {
                recibido = s.Comprobante;
                return Task.FromResult((200, ServidorSriFalso.Recepcion("RECIBIDA", generada.ClaveDeAcceso.Valor)));
            }

            return Task.FromResult((200, ServidorSriFalso.Autorizacion(s.Clave!, ServidorSriFalso.UnaAutorizacion("AUTORIZADO", s.Clave, Encoding.UTF8.GetString(recibido!)))));
        });
        using var http = new HttpClient();
        var resultado = await new SriWebServiceClient(http, srv.Opciones()).EmitirAsync(firmado, ct);

        Assert.Equal(EstadoEmision.Autorizado, resultado.Estado);
        var autorizado = resultado.Autorizacion!.XmlAutorizado!;
        var ride = Ride.GenerarPdf(DatosRide.Desde(factura, generada, resultado.Autorizacion));
        var texto = Herramientas.PdfATexto(ride);
        Assert.Contains(generada.ClaveDeAcceso.Valor, texto, StringComparison.Ordinal);
        Assert.Contains("FECHA Y HORA DE AUTORIZACIÓN: 18/08/2025 10:15:30", texto, StringComparison.Ordinal);

        var carpeta = RutasPrueba.CarpetaTemporal();
        var archivo = Path.Combine(carpeta, "autorizado.xml");
        await File.WriteAllBytesAsync(archivo, autorizado, ct);
        using var salida = new StringWriter();
        using var errores = new StringWriter();
        var codigo = await SriOperatorCommands.RunAsync(["validar", archivo], salida, errores, RutasPrueba.Esquemas, ct);
        Assert.True(codigo == 0, salida.ToString() + errores);
    }
}
