namespace Cartero.Sri;

/// <summary>Typed answer of autorizacionComprobante.</summary>
/// <param name="Estado">Autorizado, no autorizado, en proceso or transitorio.</param>
/// <param name="ClaveAcceso">The clave asked about.</param>
/// <param name="NumeroAutorizacion">Número de autorización (= clave de acceso) when authorised.</param>
/// <param name="FechaAutorizacion">Fecha de autorización when given.</param>
/// <param name="Ambiente">Ambiente as the SRI names it (PRUEBAS, PRODUCCIÓN).</param>
/// <param name="Comprobante">The authorised comprobante (signed XML text) as the SRI returns it.</param>
/// <param name="XmlAutorizado">
/// The whole &lt;autorizacion&gt; element (estado, número, fecha, ambiente and the comprobante in
/// CDATA): the authorised XML to store and send to the buyer.
/// </param>
/// <param name="Mensajes">Messages of the chosen autorización.</param>
/// <param name="DetalleTransitorio">Why the answer is transitorio.</param>
public sealed record RespuestaAutorizacion(
    EstadoAutorizacion Estado,
    string ClaveAcceso,
    string? NumeroAutorizacion,
    DateTimeOffset? FechaAutorizacion,
    string? Ambiente,
    string? Comprobante,
    byte[]? XmlAutorizado,
    IReadOnlyList<MensajeSri> Mensajes,
    string? DetalleTransitorio = null);
