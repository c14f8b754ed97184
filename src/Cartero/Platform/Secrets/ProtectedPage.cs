namespace Cartero.Platform.Secrets;

/// <summary>One page of an <see cref="IPagedProtectedContent"/>: its values, and the row to continue after (null on the last page).</summary>
public sealed record ProtectedPage(IReadOnlyList<PagedValue> Values, Guid? Next);
