using System.Collections.Concurrent;

namespace Cartero.Platform.Auth;

/// <summary>
/// Remembers verified keys for a short while so a busy ERP does not cost a database lookup per request.
/// A key revoked on this instance stops at once: it is dropped and marked, so a lookup that was already under way
/// when it was revoked cannot put it back. Revocations made elsewhere (another instance, the <c>apikey revoke</c>
/// verb) are noticed by counting revoked keys at most every <see cref="RevocationCheckInterval"/>; any change empties
/// the cache. Whatever happens, no entry outlives <see cref="Lifetime"/>.
/// </summary>
public sealed class ApiKeyCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RevocationCheckInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RevokedMarkLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTime Until)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _revoked = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTime _nextRevocationCheck = DateTime.MinValue;
    private long? _revokedCount;

    public bool TryGet(string hash, DateTime now, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ApiKey? key)
    {
        if (_entries.TryGetValue(hash, out var entry) && entry.Until > now && !_revoked.ContainsKey(hash))
        {
            key = entry.Key;
            return true;
        }

        key = null;
        return false;
    }

    public void Put(string hash, ApiKey key, DateTime now)
    {
        if (_revoked.ContainsKey(hash))
        {
            return;
        }

        if (_entries.Count > 10_000)
        {
            _entries.Clear();
        }

        _entries[hash] = (key, now + Lifetime);
    }

    /// <summary>Drops a key revoked by this instance, and keeps it from being cached again by a lookup already in flight.</summary>
    public void Forget(string hash, DateTime now)
    {
        foreach (var old in _revoked.Where(r => now - r.Value > RevokedMarkLifetime).Select(r => r.Key).ToList())
        {
            _revoked.TryRemove(old, out _);
        }

        _revoked[hash] = now;
        _entries.TryRemove(hash, out _);
    }

    /// <summary>True at most once per <see cref="RevocationCheckInterval"/>: time for the caller to count revoked keys.</summary>
    public bool RevocationCheckDue(DateTime now)
    {
        lock (_gate)
        {
            if (now < _nextRevocationCheck)
            {
                return false;
            }

            _nextRevocationCheck = now + RevocationCheckInterval;
            return true;
        }
    }

    /// <summary>Empties the cache when the number of revoked keys changed since the last count.</summary>
    public void ObserveRevokedCount(long count)
    {
        lock (_gate)
        {
            if (_revokedCount is { } seen && seen != count)
            {
                _entries.Clear();
            }

            _revokedCount = count;
        }
    }
}
