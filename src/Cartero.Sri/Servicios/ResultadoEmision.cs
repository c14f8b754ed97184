namespace Cartero.Sri;

/// <summary>Outcome of sending and following a comprobante until the SRI decides (or time runs out).</summary>
/// <param name="Estado">Where the comprobante stands.</param>
/// <param name="ClaveAcceso">Its clave de acceso.</param>
/// <param name="Recepcion">The recepción answer, when there was one.</param>
/// <param name="Autorizacion">The last autorización answer, when asked.</param>
public sealed record ResultadoEmision(EstadoEmision Estado, string ClaveAcceso, RespuestaRecepcion? Recepcion, RespuestaAutorizacion? Autorizacion)
{
    /// <summary>Every message of the answers, recepción first.</summary>
    public IReadOnlyList<MensajeSri> Mensajes =>
        [.. Recepcion?.Mensajes ?? [], .. Autorizacion?.Mensajes ?? []];

    /// <summary>
    /// True when the corrected document may be sent again keeping its clave and secuencial
    /// (after DEVUELTA with a correctable error, or NO AUTORIZADO).
    /// </summary>
    public bool PuedeReenviarConLaMismaClave => Estado switch
    {
        EstadoEmision.Devuelto => SePuedeCorregir(Recepcion?.Mensajes),
        EstadoEmision.NoAutorizado => SePuedeCorregir(Autorizacion?.Mensajes),
        EstadoEmision.Transitorio => true,
        _ => false,
    };

    /// <summary>True when the caller should ask autorización again later (never with a new clave).</summary>
    public bool DebeConsultarMasTarde => Estado == EstadoEmision.Pendiente;

    private static bool SePuedeCorregir(IReadOnlyList<MensajeSri>? mensajes) =>
        (mensajes ?? []).Where(m => m.EsError).All(m => CodigosMensajeSri.SePuedeReenviarConLaMismaClave(m.Codigo));
}
