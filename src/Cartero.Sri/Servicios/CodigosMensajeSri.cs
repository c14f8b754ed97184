namespace Cartero.Sri;

/// <summary>What each known SRI message code means and how the flow reacts to it.</summary>
public static class CodigosMensajeSri
{
    /// <summary>Spanish meaning of a known code.</summary>
    public static string Significado(CodigoMensajeSri codigo) => codigo switch
    {
        CodigoMensajeSri.DocumentoInvalido => "Documento inválido: no cumple el esquema XSD.",
        CodigoMensajeSri.VersionDescontinuada => "La versión del esquema del comprobante está descontinuada.",
        CodigoMensajeSri.FirmaInvalida => "Firma inválida: el certificado o la firma electrónica no son válidos.",
        CodigoMensajeSri.ClaveAccesoRegistrada => "La clave de acceso ya está registrada: el comprobante ya fue recibido; consulte su autorización.",
        CodigoMensajeSri.SecuencialRegistrado => "El secuencial ya está registrado con otro comprobante.",
        CodigoMensajeSri.ErrorEnDiferencias => "Error en diferencias: los totales no cuadran con los detalles.",
        CodigoMensajeSri.ClaveAccesoInconsistente => "La clave de acceso no coincide con los datos del comprobante.",
        CodigoMensajeSri.AmbientePruebas => "Advertencia: comprobante emitido en ambiente de pruebas, sin validez tributaria.",
        CodigoMensajeSri.FechaEmisionExtemporanea => "Fecha de emisión extemporánea.",
        CodigoMensajeSri.ClaveEnProcesamiento => "La clave de acceso está en procesamiento: espere y consulte la autorización; no reenvíe ni genere otra clave.",
        _ => "Código desconocido.",
    };

    /// <summary>
    /// True when the document, once corrected, may be sent again with the same clave and
    /// secuencial. False for 45 (the secuencial belongs to another document), for 65 (the fix is
    /// a new fecha de emisión, which is part of the clave, so a new clave is needed) and for the
    /// codes that mean the SRI already has this document (43, 70).
    /// </summary>
    public static bool SePuedeReenviarConLaMismaClave(CodigoMensajeSri? codigo) =>
        codigo is not (CodigoMensajeSri.SecuencialRegistrado or CodigoMensajeSri.FechaEmisionExtemporanea
            or CodigoMensajeSri.ClaveAccesoRegistrada or CodigoMensajeSri.ClaveEnProcesamiento);
}
