namespace Cartero.Sri;

/// <summary>Endpoints and timing of the SRI offline web services.</summary>
public sealed record SriWebServiceOptions
{
    /// <summary>Recepción endpoint (without ?wsdl).</summary>
    public required Uri RecepcionUrl { get; init; }

    /// <summary>Autorización endpoint (without ?wsdl).</summary>
    public required Uri AutorizacionUrl { get; init; }

    /// <summary>Longest wait for one HTTP call; beyond it the call counts as transitorio.</summary>
    public TimeSpan TiempoEsperaLlamada { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before the first autorización query after reception.</summary>
    public TimeSpan EsperaInicialAutorizacion { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Upper bound of the doubling wait between autorización queries.</summary>
    public TimeSpan EsperaMaximaAutorizacion { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many autorización queries <see cref="SriWebServiceClient.EmitirAsync"/> makes before answering Pendiente.</summary>
    public int MaximoConsultasAutorizacion { get; init; } = 6;

    /// <summary>The SRI's endpoints for an ambiente: celcer.sri.gob.ec (pruebas) or cel.sri.gob.ec (producción).</summary>
    public static SriWebServiceOptions Para(Ambiente ambiente)
    {
        var host = ambiente == Ambiente.Produccion ? "cel.sri.gob.ec" : "celcer.sri.gob.ec";
        return new SriWebServiceOptions
        {
            RecepcionUrl = new Uri($"https://{host}/comprobantes-electronicos-ws/RecepcionComprobantesOffline"),
            AutorizacionUrl = new Uri($"https://{host}/comprobantes-electronicos-ws/AutorizacionComprobantesOffline"),
        };
    }
}
