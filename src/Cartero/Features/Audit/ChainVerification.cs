namespace Cartero.Features.Audit;

/// <summary>The check of one chained table: how many rows were checked and, if it does not hold, the first broken row and why (Spanish).</summary>
public sealed record ChainVerification(string Table, bool Valid, long RowsChecked, long? FirstBrokenId, string? Problem);
