using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cartero.Features.Tracking;

/// <summary>
/// SendGrid's signed Event Webhook: an ECDSA P-256 / SHA-256 signature (base64, ASN.1 DER) over the timestamp header
/// followed by the raw request body, checked with the verification key SendGrid shows (base64 DER SubjectPublicKeyInfo).
/// </summary>
public static class SendGridSignature
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>Null when <paramref name="base64"/> is a P-256 public key; otherwise what is wrong with it, in Spanish.</summary>
    public static string? ValidatePublicKey(string base64)
    {
        try
        {
            using var key = Import(base64);
            return key.ExportParameters(false).Curve.Oid.Value == P256Oid ? null : "La clave no es de la curva P-256 que usa SendGrid.";
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return "La clave de verificación no es válida: pegue el texto en base64 que SendGrid muestra en Mail Settings → Signed Event Webhook (empieza con MFkw…).";
        }
    }

    public static ECDsa Import(string base64)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(base64.Trim()), out _);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Checks the signature and the age of the timestamp; null when valid, otherwise why not (stored and answered).</summary>
    public static SignatureCheck Verify(string publicKey, string? signature, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            return new SignatureCheck(false, true, $"Falta la firma: la solicitud no trae {SignatureHeader} y {TimestampHeader}.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new SignatureCheck(false, false, "La marca de tiempo de la firma no es un número de segundos.");
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return new SignatureCheck(false, false, "La firma no está en base64.");
        }

        using var key = Import(publicKey);
        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(written));
        bool valid;
        try
        {
            valid = key.VerifyData(signed, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            valid = false;
        }

        if (!valid)
        {
            return new SignatureCheck(false, false, "La firma no corresponde al cuerpo recibido con la clave de verificación configurada.");
        }

        // Checked after the signature, so the age reported is one SendGrid really signed.
        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        return age.Duration() > tolerance
            ? new SignatureCheck(false, false, $"La firma es válida pero su marca de tiempo difiere {age.Duration().TotalSeconds:0} s de la hora del servidor (tolerancia {tolerance.TotalSeconds:0} s): posible repetición.")
            : new SignatureCheck(true, false, "Firma ECDSA válida");
    }
}

/// <summary>The result of <see cref="SendGridSignature.Verify"/>: <paramref name="Missing"/> when the request was not signed at all.</summary>
public sealed record SignatureCheck(bool Valid, bool Missing, string Detail);
