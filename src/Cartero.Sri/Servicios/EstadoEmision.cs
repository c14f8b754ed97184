namespace Cartero.Sri;

/// <summary>Where a comprobante stands after <see cref="SriWebServiceClient.EmitirAsync"/>.</summary>
public enum EstadoEmision
{
    /// <summary>Authorised: deliver the authorised XML and the RIDE to the buyer.</summary>
    Autorizado,
    /// <summary>NO AUTORIZADO: correct and resend with the same clave when <see cref="ResultadoEmision.PuedeReenviarConLaMismaClave"/>; otherwise issue a new document.</summary>
    NoAutorizado,
    /// <summary>DEVUELTA on reception: correct and resend with the same clave when <see cref="ResultadoEmision.PuedeReenviarConLaMismaClave"/>.</summary>
    Devuelto,
    /// <summary>Received but not yet resolved: ask autorización again later; never resend with a new clave.</summary>
    Pendiente,
    /// <summary>The SRI could not be reached: send the same signed document again later.</summary>
    Transitorio,
}
