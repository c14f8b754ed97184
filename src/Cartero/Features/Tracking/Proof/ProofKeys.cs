using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cartero.Platform.Secrets;

namespace Cartero.Features.Tracking.Proof;

/// <summary>
/// The key of the proofs' verification codes: HKDF-SHA256 of a master key with a purpose of its own, so it is never the
/// key of the audit chains or of the encrypted secrets, and it is not in the database: a database dump cannot forge a
/// proof. Each proof names the master key id; after <c>keys rotate</c> old proofs still verify while their key is kept.
/// </summary>
public sealed class ProofKeys(MasterKeyRing ring)
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("cartero:constancia-envio:v1");
    private readonly ConcurrentDictionary<string, byte[]> _derived = new(StringComparer.Ordinal);

    public (string Id, byte[] Key) Current
    {
        get
        {
            var (id, master) = ring.Current;
            return (id, _derived.GetOrAdd(id, _ => Derive(master)));
        }
    }

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

    public string Location => ring.Location;

    private static byte[] Derive(byte[] master) => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: [], info: Purpose);
}
