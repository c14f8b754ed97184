using System.Security.Claims;

namespace Cartero.Platform.Auth;

/// <summary>Reads who is calling from the authenticated principal.</summary>
public static class HttpContextActorExtensions
{
    public const string AdminRole = "admin";

    public static RequestActor GetActor(this HttpContext context) => new(
        context.User.FindFirstValue(ClaimTypes.Name) ?? "anonimo",
        context.Connection.RemoteIpAddress?.ToString(),
        context.User.IsInRole(AdminRole));
}
