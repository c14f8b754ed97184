using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Cartero.Platform.Identity;

/// <summary>
/// People in a role that <see cref="TwoFactorPolicy"/> says must use the second factor are sent to turn it on
/// before they can use any page other than their account's.
/// </summary>
public sealed class TwoFactorRequirement(TwoFactorPolicy policy, UserManager<CarteroUser> users) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true && !http.Request.Path.StartsWithSegments("/cuenta") &&
            await policy.IsRequiredForAsync(http.User, http.RequestAborted) &&
            await users.GetUserAsync(http.User) is { } user && !await users.GetTwoFactorEnabledAsync(user))
        {
            context.Result = new RedirectResult("/cuenta/doble-factor");
            return;
        }

        await next();
    }
}
