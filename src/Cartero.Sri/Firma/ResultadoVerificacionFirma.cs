using System.Security.Cryptography.X509Certificates;

namespace Cartero.Sri;

/// <summary>Outcome of checking a XAdES-BES signature.</summary>
/// <param name="Errores">Every problem found, in Spanish; empty when the signature holds.</param>
/// <param name="Certificado">The certificate found in KeyInfo, if any.</param>
/// <param name="FechaFirma">The XAdES SigningTime, if present.</param>
public sealed record ResultadoVerificacionFirma(IReadOnlyList<string> Errores, X509Certificate2? Certificado, DateTimeOffset? FechaFirma)
{
    /// <summary>
    /// Defects that do not break the signature itself (e.g. an IssuerSerial serial number
    /// corrupted by other software); the SRI has accepted documents with them.
    /// </summary>
    public IReadOnlyList<string> Advertencias { get; init; } = [];

    /// <summary>True when all three references and the signature value hold.</summary>
    public bool EsValida => Errores.Count == 0;
}
