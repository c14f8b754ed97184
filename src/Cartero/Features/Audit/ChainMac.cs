using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cartero.Features.Audit;

/// <summary>
/// HMAC-SHA256 over an unambiguous encoding of a row's fields (each one length-prefixed, null distinct from empty),
/// as lowercase hex. The first field is always the chain's name, so a row of one chain never verifies in another.
/// Cheap enough for the send path: one pooled buffer, no JSON.
/// </summary>
public static class ChainMac
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(byte[] key, params ReadOnlySpan<string?> fields)
    {
        var size = 0;
        foreach (var field in fields)
        {
            size += 4 + (field is null ? 0 : Encoding.UTF8.GetMaxByteCount(field.Length));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = 0;
            foreach (var field in fields)
            {
                if (field is null)
                {
                    BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(written), -1);
                    written += 4;
                    continue;
                }

                var length = Encoding.UTF8.GetBytes(field, buffer.AsSpan(written + 4));
                BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(written), length);
                written += 4 + length;
            }

            var hmac = HmacFor(key);
            hmac.AppendData(buffer, 0, written);
            Span<byte> mac = stackalloc byte[32];
            hmac.GetHashAndReset(mac);
            return Convert.ToHexStringLower(mac);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// One HMAC context per thread, kept while the key stays the same (the keys are cached arrays, so the same key is the
    /// same array): setting a context up costs more than hashing a row (measured 1.9 µs against 0.8 µs for 300 bytes).
    /// </summary>
    private static IncrementalHash HmacFor(byte[] key)
    {
        if (!ReferenceEquals(ThreadKey, key) || ThreadHmac is null)
        {
            ThreadHmac?.Dispose();
            ThreadHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            ThreadKey = key;
        }

        return ThreadHmac;
    }

    [ThreadStatic]
    private static byte[]? ThreadKey;

    [ThreadStatic]
    private static IncrementalHash? ThreadHmac;

    /// <summary>Microseconds, what both engines store, so a time read back hashes as it was written.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether two hex MACs are equal, in constant time.</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && a.Length == b.Length
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
