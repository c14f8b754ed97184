using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Tienda.Avisos;

/// <summary>Administrative notices to employees of chosen roles: write, see how many will get it, confirm.</summary>
public sealed class IndexModel(NoticeService notices) : PageModel
{
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    /// <summary>Set after "Vista previa": how many people the notice would reach.</summary>
    public int? RecipientCount { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostVistaAsync(CancellationToken cancellationToken)
    {
        if (Roles.Count == 0)
        {
            ModelState.AddModelError("", "Elija al menos un rol de empleados.");
            return Page();
        }

        RecipientCount = (await notices.RecipientsAsync(Roles, cancellationToken)).Count;
        return Page();
    }

    public async Task<IActionResult> OnPostEnviarAsync(CancellationToken cancellationToken)
    {
        try
        {
            var sent = await notices.SendAsync(Roles, Title, Body, HttpContext.GetActor(), cancellationToken);
            Message = $"Aviso encolado para {sent} personas.";
            return RedirectToPage();
        }
        catch (StoreValidationException ex)
        {
            ModelState.AddErrors(ex, "");
            return Page();
        }
    }
}
