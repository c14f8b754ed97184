namespace Cartero.Sri;

/// <summary>The PKCS#12 file cannot be used to sign comprobantes (wrong password, expired, wrong key usage…).</summary>
public sealed class CertificadoInvalidoException(string message, Exception? inner = null)
    : InvalidOperationException(message, inner);
