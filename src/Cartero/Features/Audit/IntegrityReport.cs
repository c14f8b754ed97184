namespace Cartero.Features.Audit;

/// <summary>What <c>audit verify</c> and <c>GET /api/v1/audit/verify</c> report: every chained table, and the checkpoint compared.</summary>
public sealed record IntegrityReport(bool Valid, IReadOnlyList<ChainVerification> Tables, DateTime? CheckpointAt, string CheckpointFile);
