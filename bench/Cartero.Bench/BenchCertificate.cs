using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cartero.Bench;

/// <summary>
/// A signing certificate made at start: RSA 2048 issued by a throw-away CA, exported to PKCS#12 the way
/// a provider's .p12 arrives, so the benchmark loads it through the same path as a real one.
/// </summary>
internal static class BenchCertificate
{
    public const string Password = "clave-del-banco-de-pruebas";

    public static byte[] CreatePkcs12()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Autoridad de Certificación del Banco de Pruebas, O=Cartero, C=EC", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(5));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=MARÍA JOSÉ PEÑAFIEL ORDÓÑEZ, SERIALNUMBER=1712345678, O=Óptica Visión Clara Cía. Ltda., C=EC", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial, as issuing CAs write it
        using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        using var caPublic = X509CertificateLoader.LoadCertificate(ca.RawData);
        var chain = new X509Certificate2Collection { withKey, caPublic };
        return chain.Export(X509ContentType.Pkcs12, Password)
            ?? throw new InvalidOperationException("No se pudo exportar el certificado de firma a PKCS#12.");
    }
}
