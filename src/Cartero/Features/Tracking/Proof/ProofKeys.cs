using Cartero.Platform.Secrets;

namespace Cartero.Features.Tracking.Proof;

/// <summary>
/// The key of the proofs' verification codes (see <see cref="DerivedKeyRing"/>): a database dump cannot forge a proof;
/// each proof names the master key id, so old proofs still verify after <c>keys rotate</c> while their key is kept.
/// </summary>
public sealed class ProofKeys(MasterKeyRing ring) : DerivedKeyRing(ring, "cartero:constancia-envio:v1");
