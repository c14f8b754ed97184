using Cartero.Sri;

namespace Cartero.Features.Invoicing;

/// <summary>
/// What an invoice the SRI refused can become, by the library's rule (<see cref="CodigosMensajeSri.SePuedeReenviarConLaMismaClave"/>):
/// corrected and sent again with the same clave, or, for the codes a correction cannot fix (45, 65), closed and issued again.
/// </summary>
public static class InvoiceCorrection
{
    /// <summary>True when every error of the answer can be fixed keeping the clave and the secuencial.</summary>
    public static bool CanResendWithSameKey(IEnumerable<MensajeSri> messages) =>
        messages.Where(m => m.EsError).All(m => CodigosMensajeSri.SePuedeReenviarConLaMismaClave(m.Codigo));

    /// <summary>The advice for the history, the panel and the API: what the operator does next.</summary>
    public static string Advice(string verdict, bool requiresReissue) => requiresReissue
        ? $"{verdict} por el SRI con un código que no se corrige con la misma clave de acceso (45 secuencial registrado o 65 fecha fuera de plazo): " +
          "no la reenvíe; use «emitir de nuevo», que crea una factura nueva con otro secuencial y la fecha de hoy y cierra esta como abandonada."
        : $"{verdict} por el SRI: corrija los datos indicados y reenvíe la factura con la misma clave de acceso.";
}
