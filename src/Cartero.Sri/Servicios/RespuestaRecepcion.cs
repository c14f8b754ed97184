namespace Cartero.Sri;

/// <summary>Typed answer of validarComprobante.</summary>
/// <param name="Estado">RECIBIDA, DEVUELTA or transitorio.</param>
/// <param name="ClaveAcceso">The clave the answer refers to, when given.</param>
/// <param name="Mensajes">Messages of the answer.</param>
/// <param name="DetalleTransitorio">Why the answer is transitorio (timeout, HTTP status…).</param>
public sealed record RespuestaRecepcion(EstadoRecepcion Estado, string? ClaveAcceso, IReadOnlyList<MensajeSri> Mensajes, string? DetalleTransitorio = null);
