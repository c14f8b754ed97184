using System.Security.Cryptography;
using System.Text;
using Cartero.Platform.Secrets;

namespace Cartero.Features.Tracking;

/// <summary>
/// Signs the open pixel's URL: HMAC-SHA256 of the email id with a key derived (HKDF) from the master key under a label
/// of its own, so a URL cannot be forged or enumerated, and the key never doubles as the secrets' or the chains' key.
/// The URL names the master key id, so pixels in mail sent before a <c>keys rotate</c> still count.
/// </summary>
public sealed class OpenPixelSigner(MasterKeyRing ring)
{
    private readonly PixelKeys _keys = new(ring);

    /// <summary>The path of <paramref name="emailId"/>'s pixel, relative to the public base URL.</summary>
    public string PathFor(Guid emailId)
    {
        var (id, key) = _keys.Current;
        return $"/t/a/{emailId:N}/{id}/{Mac(key, emailId)}";
    }

    /// <summary>Whether <paramref name="mac"/> is the signature of <paramref name="emailId"/> under master key <paramref name="keyId"/>.</summary>
    public bool IsValid(Guid emailId, string keyId, string mac) =>
        _keys.TryGet(keyId, out var key) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(key, emailId)), Encoding.ASCII.GetBytes(mac));

    private static string Mac(byte[] key, Guid emailId) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"pixel:{emailId:N}")).AsSpan(0, 18)).Replace('+', '-').Replace('/', '_');

    private sealed class PixelKeys(MasterKeyRing ring) : DerivedKeyRing(ring, "cartero:pixel-apertura:v1");
}
