using Cartero.Platform.Data;

namespace Cartero.Platform.Secrets;

/// <summary>The default of <see cref="IPagedProtectedContent.KeyIdUsesAsync"/>: reads every page and each value's key id from its prefix.</summary>
public static class KeyIdScan
{
    /// <summary>How many leading characters of a stored value hold its key id: more than any format's <c>v2:&lt;key id&gt;:</c>.</summary>
    public const int HeadLength = 80;

    /// <summary>The writer of a start-up sample, which is only opened, never rewritten.</summary>
    public static readonly Func<string, CancellationToken, Task<Action?>> ReadOnlySample =
        (_, _) => throw new InvalidOperationException("La muestra de la comprobación de arranque es de solo lectura.");

    public static async Task<IReadOnlyList<KeyIdUse>> ReadEveryPageAsync(IPagedProtectedContent entry, CarteroDbContext db, CancellationToken cancellationToken)
    {
        // Only the first value per key id is kept (the sample); the rest are counted and let go with their page.
        var uses = new Dictionary<string, (int Count, PagedValue Sample)>(StringComparer.Ordinal);
        Guid? after = null;
        do
        {
            db.ChangeTracker.Clear();
            var page = await entry.ReadPageAsync(db, after, ProtectedColumnRegistry.PageSize, cancellationToken);
            foreach (var value in page.Values)
            {
                var key = SecretFormat.KeyIdOf(value.Stored) ?? "";
                uses[key] = uses.TryGetValue(key, out var use) ? (use.Count + 1, use.Sample) : (1, value);
            }

            after = page.Next;
        }
        while (after is not null);

        db.ChangeTracker.Clear();
        return [.. uses.Select(u => new KeyIdUse(u.Key.Length == 0 ? null : u.Key, u.Value.Count, u.Value.Sample))];
    }
}
