namespace Cartero.Sri;

/// <summary>Outcome of sending a comprobante to recepción.</summary>
public enum EstadoRecepcion
{
    /// <summary>RECIBIDA: queued for autorización.</summary>
    Recibida,
    /// <summary>DEVUELTA: rejected on reception (see mensajes).</summary>
    Devuelta,
    /// <summary>No answer (timeout, connection error, HTTP 5xx, unreadable answer): try again later with the same document.</summary>
    Transitorio,
}
