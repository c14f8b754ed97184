namespace Cartero.Sri;

/// <summary>Outcome of asking autorización about a clave.</summary>
public enum EstadoAutorizacion
{
    /// <summary>AUTORIZADO.</summary>
    Autorizado,
    /// <summary>NO AUTORIZADO (see mensajes): correct it and resend with the same clave when <see cref="CodigosMensajeSri.SePuedeReenviarConLaMismaClave"/> allows it.</summary>
    NoAutorizado,
    /// <summary>Still being processed (no autorización yet, EN PROCESO, or code 70): ask again later.</summary>
    EnProceso,
    /// <summary>No answer (timeout, connection error, HTTP 5xx, unreadable answer): ask again later.</summary>
    Transitorio,
}
