using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cartero.Platform.Secrets;

namespace Cartero.Features.Audit;

/// <summary>
/// The keys of the tamper-evident chains: HKDF-SHA256 of each master key with a label of their own, so the chains never
/// share a key with the encryption of secrets, and a database dump alone cannot recompute them. Every chained row names
/// the master key id it was signed with; <c>keys rotate</c> only adds keys, so rows signed before a rotation still verify.
/// </summary>
public sealed class ChainKeys(MasterKeyRing ring)
{
    private static readonly byte[] Label = Encoding.UTF8.GetBytes("cartero:cadena-integridad:v1");
    private readonly ConcurrentDictionary<string, byte[]> _derived = new(StringComparer.Ordinal);

    /// <summary>The key new rows are signed with, and its id.</summary>
    public (string Id, byte[] Key) Current
    {
        get
        {
            var (id, master) = ring.Current;
            return (id, _derived.GetOrAdd(id, _ => Derive(master)));
        }
    }

    /// <summary>The chain key of master key <paramref name="id"/>, when that key is still in the ring.</summary>
    public bool TryGet(string id, out byte[] key)
    {
        if (_derived.TryGetValue(id, out key!))
        {
            return true;
        }

        if (!ring.TryGet(id, out var master))
        {
            return false;
        }

        key = _derived.GetOrAdd(id, _ => Derive(master));
        return true;
    }

    /// <summary>Where the master keys live, for messages that tell an operator what to restore.</summary>
    public string Location => ring.Location;

    private static byte[] Derive(byte[] master) => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: [], info: Label);
}
