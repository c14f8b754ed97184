using System.Collections.Concurrent;

namespace Cartero.Platform.Auth;

/// <summary>
/// Remembers verified keys for a short while so a busy ERP does not cost a database lookup per request.
/// A key revoked on this instance stops at once; on other instances within <see cref="Lifetime"/>.
/// </summary>
public sealed class ApiKeyCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTime Until)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string hash, DateTime now, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ApiKey? key)
    {
        if (_entries.TryGetValue(hash, out var entry) && entry.Until > now)
        {
            key = entry.Key;
            return true;
        }

        key = null;
        return false;
    }

    public void Put(string hash, ApiKey key, DateTime now)
    {
        if (_entries.Count > 10_000)
        {
            _entries.Clear();
        }

        _entries[hash] = (key, now + Lifetime);
    }

    public void Forget(string hash) => _entries.TryRemove(hash, out _);
}
