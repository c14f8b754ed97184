using System.Security.Cryptography;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.ApiKeys;

/// <summary>Creates (shown once), lists and revokes API keys; only the SHA-256 of a key is stored. Every change is audited.</summary>
public sealed class ApiKeyService(CarteroDbContext db, IAuditTrail audit, ApiKeyCache cache, TimeProvider time)
{
    /// <summary>Returns the new key in clear; it cannot be recovered later.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, bool isAdmin, RequestActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            throw new ArgumentException("El nombre de la clave es obligatorio (hasta 100 caracteres).", nameof(name));
        }

        if (await db.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken))
        {
            throw new InvalidOperationException($"Ya existe una clave activa llamada '{name}'. Revóquela o elija otro nombre.");
        }

        var secret = "crt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Prefix = secret[..8],
            Hash = ApiKeyHash.Of(secret),
            IsAdmin = isAdmin,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = actor.Name,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.CreateApiKey, name, new CreateApiKeyDetails(isAdmin, key.Prefix)), cancellationToken);
        return (key, secret);
    }

    public async Task<bool> RevokeAsync(string name, RequestActor actor, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken);
        if (key is null)
        {
            return false;
        }

        key.RevokedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        cache.Forget(key.Hash, key.RevokedAt.Value);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.RevokeApiKey, name, new RevokeApiKeyDetails(key.Prefix)), cancellationToken);
        return true;
    }

    /// <summary>Revokes every active key <paramref name="creator"/> made (a demoted or deactivated admin's keys stop with their rights); returns how many.</summary>
    public async Task<int> RevokeCreatedByAsync(string creator, string reason, RequestActor actor, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.Where(k => k.CreatedBy == creator && k.RevokedAt == null).ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var key in keys)
        {
            key.RevokedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var key in keys)
        {
            cache.Forget(key.Hash, now);
        }

        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.RevokeUsersApiKeys, creator,
            new RevokeUsersApiKeysDetails(reason, keys.Select(k => k.Name).ToList())), cancellationToken);
        return keys.Count;
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ThenBy(k => k.CreatedAt).ToListAsync(cancellationToken);
}
