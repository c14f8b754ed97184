namespace Cartero.Sri.Tests;

public sealed class WebServiceTests
{
    private static readonly Lazy<(byte[] Xml, string Clave)> Firmada = new(() =>
    {
        using var cert = CertificadoFirma.Cargar(CertificadosDePrueba.P12Vigente, CertificadosDePrueba.Contrasena);
        var generada = FacturaXmlWriter.Generar(FacturasDePrueba.Basica());
        return (new FirmadorXades(cert).Firmar(generada.Xml), generada.ClaveDeAcceso.Valor);
    });

    private static (byte[] Xml, string Clave) Documento => Firmada.Value;

    private static string ComprobanteTexto => System.Text.Encoding.UTF8.GetString(Documento.Xml);

    [Fact]
    public async Task Recibida_y_autorizado_entrega_el_xml_autorizado()
    {
        var consultas = 0;
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult<(int, string)>(s.EsRecepcion
            ? (200, ServidorSriFalso.Recepcion("RECIBIDA", Documento.Clave))
            : ++consultas == 1
                ? (200, ServidorSriFalso.Autorizacion(s.Clave!))
                : (200, ServidorSriFalso.Autorizacion(s.Clave!, ServidorSriFalso.UnaAutorizacion("AUTORIZADO", s.Clave, ComprobanteTexto, ("60", "ESTE PROCESO FUE GENERADO EN AMBIENTE DE PRUEBAS", "ADVERTENCIA"))))));
        using var http = new HttpClient();
        var cliente = new SriWebServiceClient(http, srv.Opciones());

        var resultado = await cliente.EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.Autorizado, resultado.Estado);
        Assert.Equal(Documento.Clave, resultado.Autorizacion!.NumeroAutorizacion);
        Assert.Equal(new DateTimeOffset(2025, 8, 18, 10, 15, 30, 123, TimeSpan.FromHours(-5)), resultado.Autorizacion.FechaAutorizacion);
        Assert.Equal(ComprobanteTexto, resultado.Autorizacion.Comprobante);
        var advertencia = Assert.Single(resultado.Mensajes);
        Assert.Equal(CodigoMensajeSri.AmbientePruebas, advertencia.Codigo);
        Assert.False(advertencia.EsError);
        Assert.Equal(Documento.Xml, srv.Solicitudes.Single(s => s.EsRecepcion).Comprobante);
        Assert.Equal(2, srv.Solicitudes.Count(s => !s.EsRecepcion));
        Assert.All(srv.Solicitudes, s => Assert.EndsWith(s.EsRecepcion ? "RecepcionComprobantesOffline" : "AutorizacionComprobantesOffline", s.Ruta, StringComparison.Ordinal));

        // The authorised XML is the SRI envelope with the signed comprobante, still verifiable.
        var archivo = ArchivoComprobante.Leer(resultado.Autorizacion.XmlAutorizado!);
        Assert.Equal("AUTORIZADO", archivo.Estado);
        Assert.True(VerificadorXades.Verificar(archivo.Comprobante).EsValida);
    }

    [Fact]
    public async Task Recepcion_recibida_se_lee_tipada()
    {
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult((200, ServidorSriFalso.Recepcion("RECIBIDA", Documento.Clave))));
        using var http = new HttpClient();

        var r = await new SriWebServiceClient(http, srv.Opciones()).EnviarAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoRecepcion.Recibida, r.Estado);
        Assert.Equal(Documento.Clave, r.ClaveAcceso);
        Assert.Empty(r.Mensajes);
    }

    [Fact]
    public async Task Devuelta_con_43_se_consulta_la_autorizacion_sin_reenviar()
    {
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult<(int, string)>(s.EsRecepcion
            ? (200, ServidorSriFalso.Recepcion("DEVUELTA", Documento.Clave, ("43", "CLAVE ACCESO REGISTRADA", "ERROR")))
            : (200, ServidorSriFalso.Autorizacion(s.Clave!, ServidorSriFalso.UnaAutorizacion("AUTORIZADO", s.Clave, ComprobanteTexto)))));
        using var http = new HttpClient();
        var cliente = new SriWebServiceClient(http, srv.Opciones());

        var recepcion = await cliente.EnviarAsync(Documento.Xml, TestContext.Current.CancellationToken);
        var m = Assert.Single(recepcion.Mensajes);
        Assert.Equal(EstadoRecepcion.Devuelta, recepcion.Estado);
        Assert.Equal(CodigoMensajeSri.ClaveAccesoRegistrada, m.Codigo);
        Assert.Equal("detalle 43", m.InformacionAdicional);
        Assert.True(m.EsError);

        var resultado = await cliente.EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.Autorizado, resultado.Estado);
        Assert.Equal(2, srv.Solicitudes.Count(s => s.EsRecepcion)); // one per call above, no automatic resend
    }

    [Fact]
    public async Task Devuelta_con_error_corregible_permite_reenviar_con_la_misma_clave()
    {
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult((200, ServidorSriFalso.Recepcion("DEVUELTA", Documento.Clave,
            ("52", "ERROR EN DIFERENCIAS", "ERROR"), ("60", "AMBIENTE PRUEBAS", "ADVERTENCIA")))));
        using var http = new HttpClient();

        var resultado = await new SriWebServiceClient(http, srv.Opciones()).EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.Devuelto, resultado.Estado);
        Assert.True(resultado.PuedeReenviarConLaMismaClave);
        Assert.Equal(CodigoMensajeSri.ErrorEnDiferencias, resultado.Mensajes[0].Codigo);
        Assert.DoesNotContain(srv.Solicitudes, s => !s.EsRecepcion);
    }

    [Fact]
    public async Task Devuelta_con_secuencial_registrado_no_permite_reenviar_con_la_misma_clave()
    {
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult((200, ServidorSriFalso.Recepcion("DEVUELTA", Documento.Clave, ("45", "SECUENCIAL REGISTRADO", "ERROR")))));
        using var http = new HttpClient();

        var resultado = await new SriWebServiceClient(http, srv.Opciones()).EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.Devuelto, resultado.Estado);
        Assert.False(resultado.PuedeReenviarConLaMismaClave);
    }

    [Fact]
    public async Task Codigo_70_espera_y_consulta_hasta_autorizado()
    {
        var consultas = 0;
        await using var srv = new ServidorSriFalso((s, _) =>
        {
            if (s.EsRecepcion)
            {
                return Task.FromResult((200, ServidorSriFalso.Recepcion("DEVUELTA", Documento.Clave, ("70", "CLAVE DE ACCESO EN PROCESAMIENTO", "ERROR"))));
            }

            return Task.FromResult(Interlocked.Increment(ref consultas) switch
            {
                1 => (200, ServidorSriFalso.Autorizacion(s.Clave!)),
                2 => (200, ServidorSriFalso.Autorizacion(s.Clave!, ServidorSriFalso.UnaAutorizacion("NO AUTORIZADO", null, null, ("70", "CLAVE DE ACCESO EN PROCESAMIENTO", "ERROR")))),
                _ => (200, ServidorSriFalso.Autorizacion(s.Clave!,
                    ServidorSriFalso.UnaAutorizacion("NO AUTORIZADO", null, ComprobanteTexto, ("52", "ERROR EN DIFERENCIAS", "ERROR")),
                    ServidorSriFalso.UnaAutorizacion("AUTORIZADO", s.Clave, ComprobanteTexto))),
            });
        });
        using var http = new HttpClient();

        var resultado = await new SriWebServiceClient(http, srv.Opciones()).EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.Autorizado, resultado.Estado);
        Assert.Equal(1, srv.Solicitudes.Count(s => s.EsRecepcion));
        Assert.Equal(3, srv.Solicitudes.Count(s => !s.EsRecepcion));
        Assert.All(srv.Solicitudes.Where(s => !s.EsRecepcion), s => Assert.Equal(Documento.Clave, s.Clave));
    }

    [Fact]
    public async Task Sin_decision_tras_las_consultas_queda_pendiente()
    {
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult(s.EsRecepcion
            ? (200, ServidorSriFalso.Recepcion("RECIBIDA", Documento.Clave))
            : (200, ServidorSriFalso.Autorizacion(s.Clave!, ServidorSriFalso.UnaAutorizacion("EN PROCESO", null, null)))));
        using var http = new HttpClient();

        var resultado = await new SriWebServiceClient(http, srv.Opciones()).EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.Pendiente, resultado.Estado);
        Assert.True(resultado.DebeConsultarMasTarde);
        Assert.False(resultado.PuedeReenviarConLaMismaClave);
        Assert.Equal(4, srv.Solicitudes.Count(s => !s.EsRecepcion));
    }

    [Fact]
    public async Task No_autorizado_trae_mensajes_y_permite_corregir_con_la_misma_clave()
    {
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult(s.EsRecepcion
            ? (200, ServidorSriFalso.Recepcion("RECIBIDA", Documento.Clave))
            : (200, ServidorSriFalso.Autorizacion(s.Clave!, ServidorSriFalso.UnaAutorizacion("NO AUTORIZADO", null, ComprobanteTexto,
                ("39", "FIRMA INVALIDA", "ERROR"))))));
        using var http = new HttpClient();

        var resultado = await new SriWebServiceClient(http, srv.Opciones()).EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.NoAutorizado, resultado.Estado);
        Assert.Equal(EstadoAutorizacion.NoAutorizado, resultado.Autorizacion!.Estado);
        Assert.Equal(CodigoMensajeSri.FirmaInvalida, Assert.Single(resultado.Autorizacion.Mensajes).Codigo);
        Assert.Null(resultado.Autorizacion.XmlAutorizado);
        Assert.True(resultado.PuedeReenviarConLaMismaClave);
    }

    [Fact]
    public async Task Respuesta_lenta_es_transitoria()
    {
        await using var srv = new ServidorSriFalso(async (s, fin) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), fin);
            return (200, ServidorSriFalso.Recepcion("RECIBIDA", Documento.Clave));
        });
        using var http = new HttpClient();

        var resultado = await new SriWebServiceClient(http, srv.Opciones(TimeSpan.FromMilliseconds(300))).EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.Transitorio, resultado.Estado);
        Assert.Contains("no respondió", resultado.Recepcion!.DetalleTransitorio, StringComparison.Ordinal);
        Assert.True(resultado.PuedeReenviarConLaMismaClave);
    }

    [Fact]
    public async Task Http_500_es_transitorio()
    {
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult((500, "<html>Internal Server Error</html>")));
        using var http = new HttpClient();
        var cliente = new SriWebServiceClient(http, srv.Opciones());

        var resultado = await cliente.EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);
        var autorizacion = await cliente.ConsultarAutorizacionAsync(Documento.Clave, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.Transitorio, resultado.Estado);
        Assert.Contains("HTTP 500", resultado.Recepcion!.DetalleTransitorio, StringComparison.Ordinal);
        Assert.Equal(EstadoAutorizacion.Transitorio, autorizacion.Estado);
    }

    [Fact]
    public async Task Sin_conexion_es_transitorio()
    {
        // A bound socket that never listens: connections are refused and no other test can take the port.
        using var ocupado = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        ocupado.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var puerto = ((System.Net.IPEndPoint)ocupado.LocalEndPoint!).Port;

        using var http = new HttpClient();
        var opciones = new SriWebServiceOptions
        {
            RecepcionUrl = new Uri($"http://127.0.0.1:{puerto}/r"),
            AutorizacionUrl = new Uri($"http://127.0.0.1:{puerto}/a"),
        };

        var resultado = await new SriWebServiceClient(http, opciones).EmitirAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoEmision.Transitorio, resultado.Estado);
        Assert.Contains("No se pudo conectar", resultado.Recepcion!.DetalleTransitorio, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Soap_fault_se_informa_como_transitorio_con_su_texto()
    {
        const string fault = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Servicio no disponible</faultstring></soap:Fault></soap:Body></soap:Envelope>";
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult((500, fault)));
        using var http = new HttpClient();

        var r = await new SriWebServiceClient(http, srv.Opciones()).EnviarAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoRecepcion.Transitorio, r.Estado);
        Assert.Contains("HTTP 500", r.DetalleTransitorio, StringComparison.Ordinal);
        Assert.Contains("Servicio no disponible", r.DetalleTransitorio, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comprobante_sin_firma_no_se_envia()
    {
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult((200, ServidorSriFalso.Recepcion("RECIBIDA", Documento.Clave))));
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            new SriWebServiceClient(http, srv.Opciones()).EmitirAsync(FacturaXmlWriter.Generar(FacturasDePrueba.Basica()).Xml, TestContext.Current.CancellationToken));

        Assert.Contains("no está firmado", ex.Message, StringComparison.Ordinal);
        Assert.Empty(srv.Solicitudes);
    }

    [Theory]
    [InlineData("35", true)]
    [InlineData("36", true)]
    [InlineData("39", true)]
    [InlineData("52", true)]
    [InlineData("45", false)]
    [InlineData("65", false)]
    public void Reenvio_con_la_misma_clave_segun_el_codigo(string codigo, bool reenviable)
    {
        var recepcion = new RespuestaRecepcion(EstadoRecepcion.Devuelta, Documento.Clave, [new MensajeSri(codigo, "x", null, "ERROR")]);

        Assert.Equal(reenviable, new ResultadoEmision(EstadoEmision.Devuelto, Documento.Clave, recepcion, null).PuedeReenviarConLaMismaClave);
    }

    [Fact]
    public void No_autorizado_se_juzga_por_los_mensajes_de_la_autorizacion()
    {
        var recibida43 = new RespuestaRecepcion(EstadoRecepcion.Devuelta, Documento.Clave, [new MensajeSri("43", "CLAVE ACCESO REGISTRADA", null, "ERROR")]);
        RespuestaAutorizacion NoAutorizada(string codigo) =>
            new(EstadoAutorizacion.NoAutorizado, Documento.Clave, null, null, null, null, null, [new MensajeSri(codigo, "x", null, "ERROR")]);

        Assert.True(new ResultadoEmision(EstadoEmision.NoAutorizado, Documento.Clave, recibida43, NoAutorizada("52")).PuedeReenviarConLaMismaClave);
        Assert.False(new ResultadoEmision(EstadoEmision.NoAutorizado, Documento.Clave, recibida43, NoAutorizada("65")).PuedeReenviarConLaMismaClave);
        Assert.False(new ResultadoEmision(EstadoEmision.Autorizado, Documento.Clave, null, null).PuedeReenviarConLaMismaClave);
    }

    [Fact]
    public async Task Respuesta_con_elementos_calificados_tambien_se_entiende()
    {
        const string calificada = "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><ns2:validarComprobanteResponse xmlns:ns2=\"http://ec.gob.sri.ws.recepcion\">"
            + "<ns2:RespuestaRecepcionComprobante><ns2:estado>DEVUELTA</ns2:estado><ns2:comprobantes><ns2:comprobante><ns2:claveAcceso>1</ns2:claveAcceso><ns2:mensajes><ns2:mensaje>"
            + "<ns2:identificador>35</ns2:identificador><ns2:mensaje>ARCHIVO NO CUMPLE ESTRUCTURA XML</ns2:mensaje><ns2:tipo>ERROR</ns2:tipo></ns2:mensaje></ns2:mensajes></ns2:comprobante></ns2:comprobantes>"
            + "</ns2:RespuestaRecepcionComprobante></ns2:validarComprobanteResponse></S:Body></S:Envelope>";
        await using var srv = new ServidorSriFalso((s, _) => Task.FromResult((200, calificada)));
        using var http = new HttpClient();

        var r = await new SriWebServiceClient(http, srv.Opciones()).EnviarAsync(Documento.Xml, TestContext.Current.CancellationToken);

        Assert.Equal(EstadoRecepcion.Devuelta, r.Estado);
        Assert.Equal(CodigoMensajeSri.DocumentoInvalido, Assert.Single(r.Mensajes).Codigo);
    }

    [Fact]
    public void Endpoints_por_ambiente_y_codigos_conocidos()
    {
        Assert.Equal("https://celcer.sri.gob.ec/comprobantes-electronicos-ws/RecepcionComprobantesOffline", SriWebServiceOptions.Para(Ambiente.Pruebas).RecepcionUrl.ToString());
        Assert.Equal("https://cel.sri.gob.ec/comprobantes-electronicos-ws/AutorizacionComprobantesOffline", SriWebServiceOptions.Para(Ambiente.Produccion).AutorizacionUrl.ToString());
        Assert.Equal([35, 36, 39, 43, 45, 52, 58, 60, 65, 70], Enum.GetValues<CodigoMensajeSri>().Select(c => (int)c));
        Assert.All(Enum.GetValues<CodigoMensajeSri>(), c => Assert.NotEqual("Código desconocido.", CodigosMensajeSri.Significado(c)));
        Assert.Null(new MensajeSri("999", "x", null, "ERROR").Codigo);
        Assert.Equal(new DateTimeOffset(2019, 3, 5, 9, 1, 2, TimeSpan.FromHours(-5)), SriWebServiceClient.LeerFecha("05/03/2019 09:01:02"));
    }
}
