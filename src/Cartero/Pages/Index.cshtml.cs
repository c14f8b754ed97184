using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages;

/// <summary>Sends each person to the page of their role.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(CarteroRoles.Admin) || User.IsInRole(CarteroRoles.Gerente) || User.IsInRole(CarteroRoles.Soporte))
        {
            return Redirect("/correos");
        }

        return User.IsInRole(CarteroRoles.Cliente) ? Redirect("/mis-correos") : Page();
    }
}
