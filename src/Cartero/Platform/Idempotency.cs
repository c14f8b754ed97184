using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform;

/// <summary>
/// The one rule for idempotency keys, for emails, invoices and credit notes alike: the same key with the same request
/// (same hash) gives back what the first request created; the same key with a different body is a conflict, answered
/// with the caller's own exception (its message names what the key was used for).
/// </summary>
public static class Idempotency
{
    // Web defaults (camelCase) as the API reads the body: hashes stored before this helper existed stay valid.
    private static readonly JsonSerializerOptions HashJson = new(JsonSerializerDefaults.Web);

    /// <summary>SHA-256 (lowercase hex) of the request serialised as JSON.</summary>
    public static string HashOf<T>(T request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, HashJson)));

    /// <summary>The stored row if it was created by the same request; <paramref name="conflict"/> if by another one.</summary>
    public static T? Replay<T>(T? stored, string requestHash, Func<T, Exception> conflict)
        where T : class, IIdempotentRecord =>
        stored is not null && stored.RequestHash != requestHash ? throw conflict(stored) : stored;

    /// <summary>Finds the row stored under <paramref name="key"/> (untracked) and applies <see cref="Replay{T}"/>.</summary>
    public static async Task<T?> FindAsync<T>(IQueryable<T> rows, string key, string requestHash, Func<T, Exception> conflict, CancellationToken cancellationToken)
        where T : class, IIdempotentRecord =>
        Replay(await rows.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key, cancellationToken), requestHash, conflict);
}
