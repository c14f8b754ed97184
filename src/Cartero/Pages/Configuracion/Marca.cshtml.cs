using Cartero.Features.Templates;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Configuracion;

/// <summary>The business name ("Óptica …") for the panel's header and the emails' <c>empresa</c>: admins only, audited.</summary>
public sealed class MarcaModel(BusinessBrand brand) : PageModel
{
    [BindProperty]
    public string? Nombre { get; set; }

    public string Current { get; private set; } = "";

    public bool FromPanel { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Nombre = Current;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var actor = HttpContext.GetActor();
        if (await brand.SetAsync(Nombre, actor.Name, actor.Ip, cancellationToken) is { } error)
        {
            ModelState.AddModelError(nameof(Nombre), error);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = "Nombre del negocio guardado: ya aparece en el panel y en los correos nuevos.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await brand.StoredAsync(cancellationToken);
        FromPanel = !string.IsNullOrWhiteSpace(stored);
        Current = FromPanel ? stored! : brand.Default;
    }
}
