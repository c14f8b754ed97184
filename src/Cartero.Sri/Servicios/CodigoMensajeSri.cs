namespace Cartero.Sri;

/// <summary>Message codes (identificador) of the SRI web services that the flow must tell apart.</summary>
public enum CodigoMensajeSri
{
    /// <summary>35: documento inválido (does not follow the XSD).</summary>
    DocumentoInvalido = 35,
    /// <summary>36: versión del esquema descontinuada.</summary>
    VersionDescontinuada = 36,
    /// <summary>39: firma inválida (certificate or signature).</summary>
    FirmaInvalida = 39,
    /// <summary>43: clave de acceso registrada (the document was already received).</summary>
    ClaveAccesoRegistrada = 43,
    /// <summary>45: secuencial registrado (used by another clave).</summary>
    SecuencialRegistrado = 45,
    /// <summary>52: error en diferencias (totals do not add up).</summary>
    ErrorEnDiferencias = 52,
    /// <summary>58: la clave de acceso no coincide con el comprobante.</summary>
    ClaveAccesoInconsistente = 58,
    /// <summary>60: advertencia, comprobante emitido en ambiente de pruebas.</summary>
    AmbientePruebas = 60,
    /// <summary>65: fecha de emisión extemporánea.</summary>
    FechaEmisionExtemporanea = 65,
    /// <summary>70: clave de acceso en procesamiento: wait, do not resend, do not make a new clave.</summary>
    ClaveEnProcesamiento = 70,
}
