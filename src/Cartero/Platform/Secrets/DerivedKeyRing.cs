using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Cartero.Platform.Secrets;

/// <summary>
/// Keys derived from each master key with HKDF-SHA256 under a label of their own (the chains, the proofs, the open
/// pixel), so no derived key doubles as another's or as the secrets' key, and none is in the database. What a derived
/// key signed names its master key id; <c>keys rotate</c> only adds master keys, so older signatures still verify.
/// </summary>
public abstract class DerivedKeyRing(MasterKeyRing ring, string label)
{
    private readonly byte[] _label = Encoding.UTF8.GetBytes(label);
    private readonly ConcurrentDictionary<string, byte[]> _derived = new(StringComparer.Ordinal);

    /// <summary>The key new signatures use, and its master key id.</summary>
    public (string Id, byte[] Key) Current
    {
        get
        {
            var (id, master) = ring.Current;
            return (id, _derived.GetOrAdd(id, _ => Derive(master)));
        }
    }

    /// <summary>The derived key of master key <paramref name="id"/>, when that key is still in the ring.</summary>
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

    private byte[] Derive(byte[] master) => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: [], info: _label);
}
