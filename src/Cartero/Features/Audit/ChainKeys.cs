using Cartero.Platform.Secrets;

namespace Cartero.Features.Audit;

/// <summary>
/// The keys of the tamper-evident chains (see <see cref="DerivedKeyRing"/>): a database dump alone cannot recompute
/// them; every chained row names the master key id it was signed with.
/// </summary>
public sealed class ChainKeys(MasterKeyRing ring) : DerivedKeyRing(ring, "cartero:cadena-integridad:v1");
