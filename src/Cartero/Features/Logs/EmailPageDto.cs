namespace Cartero.Features.Logs;

/// <summary>A page of the log list; pass <see cref="NextCursor"/> as <c>after</c> for the next one.</summary>
public sealed record EmailPageDto(IReadOnlyList<EmailSummaryDto> Items, string? NextCursor);
