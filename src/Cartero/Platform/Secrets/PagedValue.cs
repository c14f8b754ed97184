namespace Cartero.Platform.Secrets;

/// <summary>
/// One stored value of an <see cref="IPagedProtectedContent"/> page. <see cref="WriteAsync"/> stores the new ciphertext
/// (on the tracked row, or as a new file) and may return what to do once the transaction committed (remove the old file).
/// </summary>
public sealed record PagedValue(SecretPurpose Purpose, string Stored, Func<string, CancellationToken, Task<Action?>> WriteAsync);
