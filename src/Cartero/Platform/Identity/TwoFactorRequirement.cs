using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Cartero.Platform.Identity;

/// <summary>
/// <c>Cartero:Panel:RequireTwoFactorFor</c> (e.g. <c>admin,soporte</c>): people in those roles are sent to turn on
/// the second factor before they can use any other page.
/// </summary>
public sealed class TwoFactorRequirement(IConfiguration configuration, UserManager<CarteroUser> users) : IAsyncPageFilter
{
    public static bool IsRequiredFor(ClaimsPrincipal user, IServiceProvider services)
    {
        var roles = services.GetRequiredService<IConfiguration>()["Cartero:Panel:RequireTwoFactorFor"];
        return !string.IsNullOrWhiteSpace(roles) &&
               roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(user.IsInRole);
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path;
        if (http.User.Identity?.IsAuthenticated == true && !path.StartsWithSegments("/cuenta") &&
            !string.IsNullOrWhiteSpace(configuration["Cartero:Panel:RequireTwoFactorFor"]) &&
            IsRequiredFor(http.User, http.RequestServices) &&
            await users.GetUserAsync(http.User) is { } user && !await users.GetTwoFactorEnabledAsync(user))
        {
            context.Result = new RedirectResult("/cuenta/doble-factor");
            return;
        }

        await next();
    }
}
