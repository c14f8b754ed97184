using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Cartero.Sri.Tests;

/// <summary>
/// A local stand-in for the SRI offline services. Requests are checked against the schemas
/// embedded in the SRI's WSDLs; answers follow the WSDL response shapes.
/// </summary>
internal sealed class ServidorSriFalso : IAsyncDisposable
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly Lazy<XmlSchemaSet> EsquemasWsdl = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var archivo in new[] { "RecepcionComprobantesOffline.xml", "AutorizacionComprobantesOffline.xml" })
        {
            var wsdl = XDocument.Load(Path.Combine(RutasPrueba.Wsdl, archivo));
            var esquema = wsdl.Descendants(XName.Get("schema", XmlSchema.Namespace)).Single();
            using var reader = esquema.CreateReader();
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return set;
    });

    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _fin = new();
    private readonly Task _bucle;
    private readonly Func<Solicitud, CancellationToken, Task<(int Estado, string Cuerpo)>> _responder;

    public ServidorSriFalso(Func<Solicitud, CancellationToken, Task<(int Estado, string Cuerpo)>> responder)
    {
        _responder = responder;
        // Another test may grab the free port between probing and listening: try again.
        for (var intento = 1; ; intento++)
        {
            Base = new Uri($"http://127.0.0.1:{PuertoLibre()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(Base.ToString());
            try
            {
                listener.Start();
                _listener = listener;
                break;
            }
            catch (HttpListenerException) when (intento < 20)
            {
                listener.Close();
            }
        }

        _bucle = Task.Run(BucleAsync);
    }

    public Uri Base { get; private set; } = null!;

    public List<Solicitud> Solicitudes { get; } = [];

    public SriWebServiceOptions Opciones(TimeSpan? tiempoEspera = null) => new()
    {
        RecepcionUrl = new Uri(Base, "comprobantes-electronicos-ws/RecepcionComprobantesOffline"),
        AutorizacionUrl = new Uri(Base, "comprobantes-electronicos-ws/AutorizacionComprobantesOffline"),
        TiempoEsperaLlamada = tiempoEspera ?? TimeSpan.FromSeconds(20),
        EsperaInicialAutorizacion = TimeSpan.FromMilliseconds(5),
        EsperaMaximaAutorizacion = TimeSpan.FromMilliseconds(20),
        MaximoConsultasAutorizacion = 4,
    };

    public sealed record Solicitud(string Ruta, XElement Operacion)
    {
        public bool EsRecepcion => Operacion.Name.LocalName == "validarComprobante";

        public string? Clave => Operacion.Element("claveAccesoComprobante")?.Value;

        public byte[]? Comprobante => Operacion.Element("xml") is { } x ? Convert.FromBase64String(x.Value) : null;
    }

    public static string Recepcion(string estado, string clave, params (string Id, string Mensaje, string Tipo)[] mensajes) =>
        Sobre(new XElement(XName.Get("validarComprobanteResponse", "http://ec.gob.sri.ws.recepcion"),
            new XElement("RespuestaRecepcionComprobante",
                new XElement("estado", estado),
                new XElement("comprobantes",
                    new XElement("comprobante",
                        new XElement("claveAcceso", clave),
                        new XElement("mensajes", mensajes.Select(Mensaje)))))));

    public static string Autorizacion(string clave, params XElement[] autorizaciones) =>
        Sobre(new XElement(XName.Get("autorizacionComprobanteResponse", "http://ec.gob.sri.ws.autorizacion"),
            new XElement("RespuestaAutorizacionComprobante",
                new XElement("claveAccesoConsultada", clave),
                new XElement("numeroComprobantes", autorizaciones.Length),
                new XElement("autorizaciones", autorizaciones))));

    public static XElement UnaAutorizacion(string estado, string? numero, string? comprobante, params (string Id, string Mensaje, string Tipo)[] mensajes) =>
        new("autorizacion",
            new XElement("estado", estado),
            numero is null ? null : new XElement("numeroAutorizacion", numero),
            new XElement("fechaAutorizacion", "2025-08-18T10:15:30.123-05:00"),
            new XElement("ambiente", "PRUEBAS"),
            comprobante is null ? null : new XElement("comprobante", new XCData(comprobante)),
            new XElement("mensajes", mensajes.Select(Mensaje)));

    private static XElement Mensaje((string Id, string Mensaje, string Tipo) m) =>
        new("mensaje", new XElement("identificador", m.Id), new XElement("mensaje", m.Mensaje), new XElement("informacionAdicional", "detalle " + m.Id), new XElement("tipo", m.Tipo));

    private static string Sobre(XElement cuerpo) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName), new XElement(Soap + "Body", cuerpo)).ToString(SaveOptions.DisableFormatting);

    private async Task BucleAsync()
    {
        while (!_fin.IsCancellationRequested)
        {
            HttpListenerContext contexto;
            try
            {
                contexto = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_fin.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => AtenderAsync(contexto));
        }
    }

    private async Task AtenderAsync(HttpListenerContext contexto)
    {
        try
        {
            using var lector = new StreamReader(contexto.Request.InputStream, Encoding.UTF8);
            var texto = await lector.ReadToEndAsync().ConfigureAwait(false);
            int estado;
            string cuerpo;
            var sobre = XDocument.Parse(texto);
            var operacion = sobre.Root?.Element(Soap + "Body")?.Elements().SingleOrDefault();
            var errores = new List<string>();
            if (sobre.Root?.Name != Soap + "Envelope" || operacion is null)
            {
                errores.Add("no es un sobre SOAP 1.1 con una operación");
            }
            else
            {
                new XDocument(new XElement(operacion)).Validate(EsquemasWsdl.Value, (_, e) => errores.Add(e.Message));
            }

            if (errores.Count > 0 || !contexto.Request.ContentType!.StartsWith("text/xml", StringComparison.Ordinal))
            {
                (estado, cuerpo) = (400, "solicitud inválida: " + string.Join("; ", errores));
            }
            else
            {
                var solicitud = new Solicitud(contexto.Request.Url!.AbsolutePath, operacion!);
                lock (Solicitudes)
                {
                    Solicitudes.Add(solicitud);
                }

                (estado, cuerpo) = await _responder(solicitud, _fin.Token).ConfigureAwait(false);
            }

            var bytes = Encoding.UTF8.GetBytes(cuerpo);
            contexto.Response.StatusCode = estado;
            contexto.Response.ContentType = "text/xml; charset=UTF-8";
            await contexto.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            contexto.Response.Close();
        }
        catch (Exception) when (_fin.IsCancellationRequested)
        {
            // Shutting down while a deliberately slow answer was pending.
        }
        catch (HttpListenerException)
        {
            // The client gave up (timeout test); nothing to answer.
        }
    }

    private static int PuertoLibre()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _fin.CancelAsync().ConfigureAwait(false);
        // Close alone: on Unix, Stop then Close removes the listener twice and the second removal binds the port
        // again, which fails with "Address already in use" when another test has just taken it.
        _listener.Close();
        try
        {
            await _bucle.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        _fin.Dispose();
    }
}
