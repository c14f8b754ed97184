using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cartero.Sri;

/// <summary>
/// The digital-signature certificate (and its private key) loaded from the issuer's .p12 file,
/// checked for validity dates and key usage. Expose <see cref="NoValidoDespues"/> so the app can
/// warn before it expires (<see cref="VencePronto"/>).
/// </summary>
public sealed class CertificadoFirma : IDisposable
{
    private readonly X509Certificate2Collection _coleccion;

    private CertificadoFirma(X509Certificate2 certificado, X509Certificate2Collection coleccion)
    {
        Certificado = certificado;
        _coleccion = coleccion;
    }

    /// <summary>The signing certificate (with private key).</summary>
    public X509Certificate2 Certificado { get; }

    /// <summary>Subject distinguished name, e.g. "CN=JUAN PEREZ, SERIALNUMBER=…".</summary>
    public string Sujeto => Certificado.Subject;

    /// <summary>Issuer distinguished name.</summary>
    public string Emisor => Certificado.Issuer;

    /// <summary>Serial number as a decimal integer (as XAdES writes it).</summary>
    public string NumeroSerieDecimal => NumeroSerie(Certificado);

    /// <summary>Start of validity.</summary>
    public DateTimeOffset NoValidoAntes => new(Certificado.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>End of validity.</summary>
    public DateTimeOffset NoValidoDespues => new(Certificado.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>Whole days left until <see cref="NoValidoDespues"/> (negative once expired).</summary>
    public int DiasParaVencer(TimeProvider reloj)
    {
        ArgumentNullException.ThrowIfNull(reloj);
        return (int)Math.Floor((NoValidoDespues - reloj.GetUtcNow()).TotalDays);
    }

    /// <summary>True when the certificate expires within <paramref name="dias"/> days (30 by default).</summary>
    public bool VencePronto(TimeProvider reloj, int dias = 30) => DiasParaVencer(reloj) < dias;

    /// <summary>
    /// Loads the certificate with a private key from PKCS#12 bytes and checks it can sign now.
    /// </summary>
    /// <exception cref="CertificadoInvalidoException">Wrong password, no key, expired, not yet valid, or no signing key usage.</exception>
    public static CertificadoFirma Cargar(byte[] pkcs12, string contrasena, TimeProvider? reloj = null)
    {
        ArgumentNullException.ThrowIfNull(pkcs12);
        X509Certificate2Collection coleccion;
        try
        {
            coleccion = X509CertificateLoader.LoadPkcs12Collection(pkcs12, contrasena, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new CertificadoInvalidoException("No se pudo abrir el archivo de firma electrónica (.p12): la contraseña es incorrecta o el archivo está dañado.", ex);
        }

        // Providers ship the whole chain in the .p12; the signing certificate is the one with a key,
        // preferring one whose key usage allows signatures.
        var conClave = coleccion.Where(c => c.HasPrivateKey && c.GetRSAPrivateKey() is not null).ToList();
        var certificado = conClave.FirstOrDefault(PermiteFirmar) ?? conClave.FirstOrDefault();
        if (certificado is null)
        {
            DisposeAll(coleccion);
            throw new CertificadoInvalidoException("El archivo .p12 no contiene un certificado con clave privada RSA; no sirve para firmar comprobantes.");
        }

        var resultado = new CertificadoFirma(certificado, coleccion);
        try
        {
            resultado.ComprobarVigencia(reloj ?? TimeProvider.System);
            if (!PermiteFirmar(certificado))
            {
                throw new CertificadoInvalidoException(
                    $"El certificado de {certificado.Subject} no es de firma electrónica: su uso de clave no incluye firma digital (digitalSignature) ni no repudio (nonRepudiation). El SRI lo rechazaría (error 39).");
            }
        }
        catch
        {
            resultado.Dispose();
            throw;
        }

        return resultado;
    }

    /// <summary>Throws when the certificate is expired or not yet valid at the given time.</summary>
    /// <exception cref="CertificadoInvalidoException">Outside its validity period.</exception>
    public void ComprobarVigencia(TimeProvider reloj)
    {
        ArgumentNullException.ThrowIfNull(reloj);
        var ahora = reloj.GetUtcNow();
        if (ahora > NoValidoDespues)
        {
            throw new CertificadoInvalidoException(
                $"El certificado de firma electrónica de {Sujeto} venció el {NoValidoDespues:yyyy-MM-dd HH:mm} UTC; renueve la firma electrónica con su proveedor.");
        }

        if (ahora < NoValidoAntes)
        {
            throw new CertificadoInvalidoException(
                $"El certificado de firma electrónica de {Sujeto} todavía no es válido: rige desde el {NoValidoAntes:yyyy-MM-dd HH:mm} UTC.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAll(_coleccion);

    internal static string NumeroSerie(X509Certificate2 certificado) =>
        new BigInteger(certificado.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool PermiteFirmar(X509Certificate2 c) =>
        c.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } ku
        && (ku.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) != 0;

    private static void DisposeAll(X509Certificate2Collection coleccion)
    {
        foreach (var c in coleccion)
        {
            c.Dispose();
        }
    }
}
