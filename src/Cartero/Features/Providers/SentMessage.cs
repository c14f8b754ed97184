namespace Cartero.Features.Providers;

/// <summary>
/// The MIME bytes a provider handed over, exactly as they went out (for SMTP: the DATA content before dot-stuffing),
/// and their SHA-256 (hex, lowercase). What a proof of delivery names and what the stored <c>.eml</c> holds. For SendGrid,
/// which builds the MIME on its side, these are the bytes of the JSON request body Cartero POSTed.
/// </summary>
public sealed record SentMessage(byte[] Mime, string Sha256)
{
    /// <summary>Providers whose "message as sent" is the API request body (SendGrid builds the MIME on its side).</summary>
    public static bool IsRequestBody(string? provider) => provider == SendGrid.SendGridEmailProvider.ProviderKind;
}
