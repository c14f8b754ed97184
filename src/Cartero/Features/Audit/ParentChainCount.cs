namespace Cartero.Features.Audit;

/// <summary>
/// Of the parents (invoices or emails) whose id is at most <see cref="UpTo"/> (ids are time-ordered UUID v7): how many
/// there were and how many chained events they held. Both only grow, so fewer later means rows were deleted.
/// </summary>
public sealed record ParentChainCount(string? UpTo, long Parents, long Events);
