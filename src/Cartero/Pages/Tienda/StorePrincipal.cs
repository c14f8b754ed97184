using System.Security.Claims;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Cartero.Pages.Tienda;

/// <summary>Who is at the counter, read from the panel cookie, and how the store's pages show service errors.</summary>
public static class StorePrincipal
{
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    /// <summary>Admins and managers see every seller's sales; a seller only their own.</summary>
    public static bool SeesAllSales(this ClaimsPrincipal user) => user.IsInRole(CarteroRoles.Admin) || user.IsInRole(CarteroRoles.Gerente);

    public static Seller Seller(this HttpContext http) => new(http.User.UserId(), http.GetActor());

    /// <summary>Puts each field's Spanish message next to its field (<paramref name="prefix"/> is the form's property name).</summary>
    public static void AddErrors(this ModelStateDictionary state, StoreValidationException ex, string prefix)
    {
        foreach (var (field, messages) in ex.Errors)
        {
            var key = prefix.Length == 0 ? field : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            foreach (var message in messages)
            {
                state.AddModelError(key, message);
                if (!key.Contains('.', StringComparison.Ordinal) || key.Contains('[', StringComparison.Ordinal))
                {
                    state.AddModelError("", message);
                }
            }
        }
    }
}
