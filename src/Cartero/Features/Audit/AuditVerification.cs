namespace Cartero.Features.Audit;

/// <summary>The result of checking the chain: <see cref="Valid"/>, how many rows were checked and, if broken, where.</summary>
public sealed record AuditVerification(bool Valid, long RowsChecked, long? FirstBrokenId, string? Problem);
