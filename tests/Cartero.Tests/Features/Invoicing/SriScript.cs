using System.Collections.Concurrent;
using System.Text;
using Cartero.Sri.Tests;

namespace Cartero.Tests.Features.Invoicing;

/// <summary>
/// Behaviour of the local SRI stand-in for one test: by default RECIBIDA then AUTORIZADO with exactly the comprobante
/// received; a test can queue other answers (DEVUELTA 43, EN PROCESO, NO AUTORIZADO, HTTP 503) for the next calls.
/// </summary>
internal sealed class SriScript : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _received = new();
    private readonly ConcurrentQueue<Func<string, (int, string)>> _receptions = new();
    private readonly ConcurrentQueue<Func<string, (int, string)>> _authorizations = new();

    public SriScript()
    {
        Server = new ServidorSriFalso((s, _) => Task.FromResult(Answer(s)));
    }

    public ServidorSriFalso Server { get; }

    public IReadOnlyDictionary<string, string> Received => _received;

    public Dictionary<string, string?> Settings() => new()
    {
        ["Sri:SchemaDirectory"] = RutasPrueba.Esquemas,
        ["Sri:Pruebas:RecepcionUrl"] = new Uri(Server.Base, "comprobantes-electronicos-ws/RecepcionComprobantesOffline").ToString(),
        ["Sri:Pruebas:AutorizacionUrl"] = new Uri(Server.Base, "comprobantes-electronicos-ws/AutorizacionComprobantesOffline").ToString(),
        ["Sri:AuthorizationFirstDelay"] = "00:00:00",
        ["Sri:MaxRetryDelay"] = "00:00:00.400",
        ["Sri:PollInterval"] = "00:00:00.100",
        ["Sri:CallTimeout"] = "00:00:02",
    };

    public void NextReception(Func<string, (int, string)> answer) => _receptions.Enqueue(answer);

    public void NextAuthorization(Func<string, (int, string)> answer) => _authorizations.Enqueue(answer);

    public static (int, string) Devuelta(string clave, string id, string message) =>
        (200, ServidorSriFalso.Recepcion("DEVUELTA", clave, (id, message, "ERROR")));

    public static (int, string) EnProceso(string clave) =>
        (200, ServidorSriFalso.Autorizacion(clave, ServidorSriFalso.UnaAutorizacion("EN PROCESO", null, null)));

    public (int, string) NoAutorizado(string clave) =>
        (200, ServidorSriFalso.Autorizacion(clave, ServidorSriFalso.UnaAutorizacion("NO AUTORIZADO", null, _received.GetValueOrDefault(clave),
            ("52", "ERROR EN DIFERENCIAS", "ERROR"))));

    private (int, string) Answer(ServidorSriFalso.Solicitud s)
    {
        if (s.EsRecepcion)
        {
            var xml = Encoding.UTF8.GetString(s.Comprobante!);
            var clave = System.Xml.Linq.XDocument.Parse(xml).Descendants("claveAcceso").First().Value;
            _received[clave] = xml;
            return _receptions.TryDequeue(out var scripted) ? scripted(clave) : (200, ServidorSriFalso.Recepcion("RECIBIDA", clave));
        }

        var asked = s.Clave!;
        if (_authorizations.TryDequeue(out var next))
        {
            return next(asked);
        }

        return _received.TryGetValue(asked, out var comprobante)
            ? (200, ServidorSriFalso.Autorizacion(asked, ServidorSriFalso.UnaAutorizacion("AUTORIZADO", asked, comprobante)))
            : (200, ServidorSriFalso.Autorizacion(asked));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
