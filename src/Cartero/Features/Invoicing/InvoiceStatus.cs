namespace Cartero.Features.Invoicing;

/// <summary>Where an invoice stands on its way to the SRI; stored as the Spanish codes of <see cref="InvoiceStatusCodes"/>.</summary>
public enum InvoiceStatus
{
    /// <summary>XML built and validated against the schema; a secuencial is taken.</summary>
    Generada,
    /// <summary>Signed with XAdES-BES; ready for recepción.</summary>
    Firmada,
    /// <summary>Handed to recepción; the answer is not known yet (resending is safe: the SRI answers 43/70).</summary>
    EnviadaSri,
    /// <summary>RECIBIDA: waiting for autorización.</summary>
    Recibida,
    /// <summary>DEVUELTA: the SRI refused it at recepción; correct it and resend with the same clave, unless the code allows no correction (45, 65: emitir de nuevo).</summary>
    Devuelta,
    /// <summary>AUTORIZADO: legally issued; the invoice email follows.</summary>
    Autorizada,
    /// <summary>NO AUTORIZADO: correct it and resend with the same clave, unless the code allows no correction (45, 65: emitir de nuevo).</summary>
    NoAutorizada,
    /// <summary>Closed without authorisation (SRI code 45 or 65): replaced by a new invoice with a new secuencial.</summary>
    Abandonada,
    /// <summary>Authorised, then annulled by the issuer in the SRI's portal.</summary>
    Anulada,
}
