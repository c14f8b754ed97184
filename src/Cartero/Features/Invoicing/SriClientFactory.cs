using Cartero.Sri;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Invoicing;

/// <summary>The SRI web-service client of an ambiente, with the configured addresses and timeouts.</summary>
public sealed class SriClientFactory(IHttpClientFactory http, IOptions<SriOptions> options, TimeProvider time)
{
    public const string HttpClientName = "sri";

    public SriWebServiceClient Create(Ambiente ambiente)
    {
        var o = options.Value;
        var defaults = SriWebServiceOptions.Para(ambiente);
        var endpoints = ambiente == Ambiente.Produccion ? o.Produccion : o.Pruebas;
        return new SriWebServiceClient(http.CreateClient(HttpClientName), defaults with
        {
            RecepcionUrl = endpoints.RecepcionUrl ?? defaults.RecepcionUrl,
            AutorizacionUrl = endpoints.AutorizacionUrl ?? defaults.AutorizacionUrl,
            TiempoEsperaLlamada = o.CallTimeout,
        }, time);
    }
}
