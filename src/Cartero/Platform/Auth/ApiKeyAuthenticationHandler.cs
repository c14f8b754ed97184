using System.Security.Claims;
using System.Text.Encodings.Web;
using Cartero.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Platform.Auth;

/// <summary>Authenticates <c>Authorization: Bearer</c> with a stored key hash; revoked keys are refused.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CarteroDbContext db,
    ApiKeyCache cache,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeyHash.Of(header["Bearer ".Length..].Trim());
        var now = time.GetUtcNow().UtcDateTime;
        if (cache.RevocationCheckDue(now))
        {
            // Notices keys revoked by another instance or by the CLI; one small count every few seconds, not per request.
            cache.ObserveRevokedCount(await db.ApiKeys.LongCountAsync(k => k.RevokedAt != null, Context.RequestAborted));
        }

        if (!cache.TryGet(hash, now, out var key))
        {
            key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, Context.RequestAborted);
            if (key is null || key.RevokedAt is not null)
            {
                return AuthenticateResult.Fail("Clave de API inválida o revocada.");
            }

            // At most one write a minute per key: "last used" is for people, not for the hot path.
            if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
            {
                await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
            }

            cache.Put(hash, key, now);
        }

        List<Claim> claims = [new(ClaimTypes.Name, $"apikey:{key.Name}"), new(ApiKeyScheme.KeyClaim, key.Name)];
        if (key.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, HttpContextActorExtensions.AdminRole));
        }

        var identity = new ClaimsIdentity(claims, ApiKeyScheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyScheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
