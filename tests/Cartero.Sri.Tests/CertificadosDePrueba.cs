using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cartero.Sri.Tests;

internal static class CertificadosDePrueba
{
    public const string Contrasena = "clave-de-prueba";

    private static readonly Lazy<(X509Certificate2 Ca, RSA Clave)> Ca = new(() =>
    {
        var clave = RSA.Create(2048);
        var req = new CertificateRequest("CN=Autoridad de Certificación de Prueba, O=Cartero, C=EC", clave, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-5), DateTimeOffset.UtcNow.AddYears(10));
        return (ca, clave);
    });

    private static readonly Lazy<byte[]> Vigente = new(() => Crear(DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddYears(2)));

    /// <summary>A valid signing certificate (issued by a test CA) as PKCS#12 bytes.</summary>
    public static byte[] P12Vigente => Vigente.Value;

    public static byte[] Crear(DateTimeOffset desde, DateTimeOffset hasta, X509KeyUsageFlags uso = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, bool conUso = true)
    {
        using var clave = RSA.Create(2048);
        var req = new CertificateRequest("CN=JOSÉ NÚÑEZ PEÑA, SERIALNUMBER=1712345678, O=Distribuidora Ñandú, C=EC", clave, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (conUso)
        {
            req.CertificateExtensions.Add(new X509KeyUsageExtension(uso, true));
        }

        // A serial above 2^64 shows it is written as a big integer, never through a double.
        var serie = Convert.FromHexString("7A3F00C1D2E3F405162738495A6B7C8D9E");
        using var emitido = req.Create(Ca.Value.Ca.SubjectName, X509SignatureGenerator.CreateForRSA(Ca.Value.Clave, RSASignaturePadding.Pkcs1), desde, hasta, serie);
        using var conClave = emitido.CopyWithPrivateKey(clave);
        var coleccion = new X509Certificate2Collection { conClave, X509CertificateLoader.LoadCertificate(Ca.Value.Ca.RawData) };
        return coleccion.Export(X509ContentType.Pkcs12, Contrasena)!;
    }
}
