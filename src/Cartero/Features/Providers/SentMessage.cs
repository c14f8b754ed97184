using System.Security.Cryptography;

namespace Cartero.Features.Providers;

/// <summary>
/// The MIME bytes a provider handed over, exactly as they went out (for SMTP: the DATA content before dot-stuffing),
/// and their SHA-256 (hex, lowercase). What a proof of delivery names and what the stored <c>.eml</c> holds. For SendGrid,
/// which builds the MIME on its side, these are the bytes of the JSON request body Cartero POSTed.
/// </summary>
public sealed record SentMessage(byte[] Mime, string Sha256)
{
    public static SentMessage Of(byte[] mime) => new(mime, Convert.ToHexStringLower(SHA256.HashData(mime)));
}
