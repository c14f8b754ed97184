namespace Cartero.Platform.Secrets;

/// <summary>
/// The stored values of one <see cref="IPagedProtectedContent"/> that name the master key <paramref name="KeyId"/> (null:
/// values that are not a Cartero ciphertext): how many, and the first in row order, which the start-up check opens.
/// </summary>
public sealed record KeyIdUse(string? KeyId, int Count, PagedValue Sample);
