using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Cartero.Sri;

/// <summary>
/// SOAP 1.1 client of the SRI offline services (recepción and autorización), written by hand
/// over <see cref="HttpClient"/>. Network trouble never throws: it comes back as a transitorio
/// state so the caller retries later with the same document and clave.
/// </summary>
public sealed class SriWebServiceClient(HttpClient http, SriWebServiceOptions options, TimeProvider? reloj = null)
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace NsRecepcion = "http://ec.gob.sri.ws.recepcion";
    private static readonly XNamespace NsAutorizacion = "http://ec.gob.sri.ws.autorizacion";
    private readonly TimeProvider _reloj = reloj ?? TimeProvider.System;

    /// <summary>Sends a signed comprobante to recepción (validarComprobante).</summary>
    public async Task<RespuestaRecepcion> EnviarAsync(byte[] comprobanteFirmado, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comprobanteFirmado);
        var cuerpo = new XElement(NsRecepcion + "validarComprobante", new XElement("xml", Convert.ToBase64String(comprobanteFirmado)));
        var (respuesta, detalle) = await LlamarAsync(options.RecepcionUrl, cuerpo, ct).ConfigureAwait(false);
        var nodo = respuesta?.DescendantsLocal("RespuestaRecepcionComprobante").FirstOrDefault();
        if (nodo is null)
        {
            return new RespuestaRecepcion(EstadoRecepcion.Transitorio, null, [], detalle ?? "La respuesta de recepción no contiene RespuestaRecepcionComprobante.");
        }

        var estado = ((string?)nodo.ElementLocal("estado"))?.Trim().ToUpperInvariant();
        var comprobante = nodo.ElementLocal("comprobantes")?.ElementLocal("comprobante");
        var mensajes = LeerMensajes(comprobante?.ElementLocal("mensajes"));
        var clave = (string?)comprobante?.ElementLocal("claveAcceso");
        return estado switch
        {
            "RECIBIDA" => new RespuestaRecepcion(EstadoRecepcion.Recibida, clave, mensajes),
            "DEVUELTA" => new RespuestaRecepcion(EstadoRecepcion.Devuelta, clave, mensajes),
            _ => new RespuestaRecepcion(EstadoRecepcion.Transitorio, clave, mensajes, $"Estado de recepción desconocido: '{estado}'."),
        };
    }

    /// <summary>Asks autorización about a clave once (autorizacionComprobante).</summary>
    public async Task<RespuestaAutorizacion> ConsultarAutorizacionAsync(string claveAcceso, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claveAcceso);
        var cuerpo = new XElement(NsAutorizacion + "autorizacionComprobante", new XElement("claveAccesoComprobante", claveAcceso));
        var (respuesta, detalle) = await LlamarAsync(options.AutorizacionUrl, cuerpo, ct).ConfigureAwait(false);
        var nodo = respuesta?.DescendantsLocal("RespuestaAutorizacionComprobante").FirstOrDefault();
        if (nodo is null)
        {
            return new RespuestaAutorizacion(EstadoAutorizacion.Transitorio, claveAcceso, null, null, null, null, null, [],
                detalle ?? "La respuesta de autorización no contiene RespuestaAutorizacionComprobante.");
        }

        var autorizaciones = nodo.ElementLocal("autorizaciones")?.ElementsLocal("autorizacion").ToList() ?? [];
        static string Estado(XElement a) => ((string?)a.ElementLocal("estado"))?.Trim().ToUpperInvariant() ?? "";

        // Several autorizaciones may come back (earlier attempts): the AUTORIZADO one wins.
        var elegida = autorizaciones.FirstOrDefault(a => Estado(a) == "AUTORIZADO")
            ?? autorizaciones.LastOrDefault(a => Estado(a) == "NO AUTORIZADO")
            ?? autorizaciones.LastOrDefault();
        if (elegida is null)
        {
            return new RespuestaAutorizacion(EstadoAutorizacion.EnProceso, claveAcceso, null, null, null, null, null, []);
        }

        var mensajes = LeerMensajes(elegida.ElementLocal("mensajes"));
        var estado = Estado(elegida) switch
        {
            "AUTORIZADO" => EstadoAutorizacion.Autorizado,
            "NO AUTORIZADO" when mensajes.Count > 0 && mensajes.All(m => m.Codigo == CodigoMensajeSri.ClaveEnProcesamiento) => EstadoAutorizacion.EnProceso,
            "NO AUTORIZADO" => EstadoAutorizacion.NoAutorizado,
            _ => EstadoAutorizacion.EnProceso,
        };
        var comprobante = (string?)elegida.ElementLocal("comprobante");
        return new RespuestaAutorizacion(
            estado,
            claveAcceso,
            (string?)elegida.ElementLocal("numeroAutorizacion"),
            LeerFecha((string?)elegida.ElementLocal("fechaAutorizacion")),
            (string?)elegida.ElementLocal("ambiente"),
            comprobante,
            estado == EstadoAutorizacion.Autorizado ? XmlAutorizado(elegida) : null,
            mensajes);
    }

    /// <summary>
    /// Asks autorización with a doubling wait until the SRI decides or
    /// <see cref="SriWebServiceOptions.MaximoConsultasAutorizacion"/> queries are spent; returns the last answer.
    /// </summary>
    public async Task<RespuestaAutorizacion> EsperarAutorizacionAsync(string claveAcceso, CancellationToken ct)
    {
        var espera = options.EsperaInicialAutorizacion;
        RespuestaAutorizacion? ultima = null;
        for (var i = 0; i < Math.Max(1, options.MaximoConsultasAutorizacion); i++)
        {
            await Task.Delay(espera, _reloj, ct).ConfigureAwait(false);
            ultima = await ConsultarAutorizacionAsync(claveAcceso, ct).ConfigureAwait(false);
            if (ultima.Estado is EstadoAutorizacion.Autorizado or EstadoAutorizacion.NoAutorizado)
            {
                return ultima;
            }

            espera = TimeSpan.FromTicks(Math.Min(espera.Ticks * 2, options.EsperaMaximaAutorizacion.Ticks));
        }

        return ultima!;
    }

    /// <summary>
    /// Sends a signed comprobante (throws <see cref="ArgumentException"/> when it has no clave or
    /// no signature) and follows it to a decision. Code 43 (already received) and 70
    /// (in process) on reception mean the SRI has it: the clave is only polled, never resent or
    /// replaced. Network failures give <see cref="EstadoEmision.Transitorio"/>; an undecided
    /// autorización gives <see cref="EstadoEmision.Pendiente"/>.
    /// </summary>
    public async Task<ResultadoEmision> EmitirAsync(byte[] comprobanteFirmado, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comprobanteFirmado);
        var clave = LeerClave(comprobanteFirmado);
        var recepcion = await EnviarAsync(comprobanteFirmado, ct).ConfigureAwait(false);
        switch (recepcion.Estado)
        {
            case EstadoRecepcion.Transitorio:
                return new ResultadoEmision(EstadoEmision.Transitorio, clave, recepcion, null);
            case EstadoRecepcion.Devuelta when !recepcion.Mensajes.Any(m => m.Codigo is CodigoMensajeSri.ClaveAccesoRegistrada or CodigoMensajeSri.ClaveEnProcesamiento):
                return new ResultadoEmision(EstadoEmision.Devuelto, clave, recepcion, null);
        }

        var autorizacion = await EsperarAutorizacionAsync(clave, ct).ConfigureAwait(false);
        var estado = autorizacion.Estado switch
        {
            EstadoAutorizacion.Autorizado => EstadoEmision.Autorizado,
            EstadoAutorizacion.NoAutorizado => EstadoEmision.NoAutorizado,
            _ => EstadoEmision.Pendiente,
        };
        return new ResultadoEmision(estado, clave, recepcion, autorizacion);
    }

    private async Task<(XDocument? Respuesta, string? Detalle)> LlamarAsync(Uri url, XElement operacion, CancellationToken ct)
    {
        var sobre = new XDocument(new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Soap.NamespaceName),
            new XElement(Soap + "Header"),
            new XElement(Soap + "Body", operacion)));
        using var limite = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limite.CancelAfter(options.TiempoEsperaLlamada);
        try
        {
            using var solicitud = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(sobre.ToString(SaveOptions.DisableFormatting), new UTF8Encoding(false), "text/xml"),
            };
            solicitud.Headers.Add("SOAPAction", "\"\"");
            using var respuesta = await http.SendAsync(solicitud, HttpCompletionOption.ResponseContentRead, limite.Token).ConfigureAwait(false);
            var texto = await respuesta.Content.ReadAsStringAsync(limite.Token).ConfigureAwait(false);
            if (!respuesta.IsSuccessStatusCode)
            {
                return (null, $"El SRI respondió HTTP {(int)respuesta.StatusCode} {respuesta.ReasonPhrase}{FaultString(texto)}.");
            }

            return (XDocument.Parse(texto), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"El SRI no respondió en {options.TiempoEsperaLlamada.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"No se pudo conectar con el SRI: {ex.Message}");
        }
        catch (XmlException ex)
        {
            return (null, $"La respuesta del SRI no es XML válido: {ex.Message}");
        }
    }

    private static string FaultString(string cuerpo)
    {
        try
        {
            var fault = XDocument.Parse(cuerpo).Descendants(Soap + "Fault").FirstOrDefault();
            return fault?.ElementLocal("faultstring") is { } fs ? $": {fs.Value.Trim()}" : "";
        }
        catch (XmlException)
        {
            return "";
        }
    }

    private static List<MensajeSri> LeerMensajes(XElement? mensajes) =>
        mensajes?.ElementsLocal("mensaje").Select(m => new MensajeSri(
            ((string?)m.ElementLocal("identificador"))?.Trim() ?? "",
            ((string?)m.ElementLocal("mensaje"))?.Trim() ?? "",
            ((string?)m.ElementLocal("informacionAdicional"))?.Trim(),
            ((string?)m.ElementLocal("tipo"))?.Trim())).ToList() ?? [];

    internal static DateTimeOffset? LeerFecha(string? texto)
    {
        if (string.IsNullOrWhiteSpace(texto))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(texto, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)
            && texto.Contains('T', StringComparison.Ordinal))
        {
            return iso;
        }

        // Older answers use dd/MM/yyyy HH:mm:ss in Ecuador time.
        return DateTime.TryParseExact(texto.Trim(), ["dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy H:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, TimeSpan.FromHours(-5))
            : null;
    }

    private static byte[] XmlAutorizado(XElement autorizacion)
    {
        var copia = new XElement("autorizacion",
            autorizacion.Elements().Select(e => e.Name.LocalName == "comprobante" ? new XElement("comprobante", new XCData(e.Value)) : new XElement(e)));
        var doc = new XDocument(new XDeclaration("1.0", "UTF-8", null), copia);
        using var ms = new MemoryStream();
        using (var w = XmlWriter.Create(ms, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            doc.Save(w);
        }

        return ms.ToArray();
    }

    private static string LeerClave(byte[] comprobante)
    {
        using var ms = new MemoryStream(comprobante);
        using var reader = XmlReader.Create(ms, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var raiz = XDocument.Load(reader).Root;
        var clave = raiz?.ElementLocal("infoTributaria")?.ElementLocal("claveAcceso")?.Value;
        if (string.IsNullOrWhiteSpace(clave))
        {
            throw new ArgumentException("El comprobante no tiene infoTributaria/claveAcceso.", nameof(comprobante));
        }

        // The SRI would answer error 39; refusing here keeps an unsigned draft from being sent.
        return raiz!.Element(XName.Get("Signature", "http://www.w3.org/2000/09/xmldsig#")) is null
            ? throw new ArgumentException("El comprobante no está firmado; fírmelo con FirmadorXades antes de enviarlo.", nameof(comprobante))
            : clave;
    }
}
