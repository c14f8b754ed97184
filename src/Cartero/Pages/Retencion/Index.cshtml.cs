using Cartero.Features.Retention;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Retencion;

/// <summary>Admins set how long each type's content is kept and place or remove legal holds; every change is audited.</summary>
public sealed class IndexModel(RetentionSettings settings) : PageModel
{
    public IReadOnlyList<RetentionTermView> Terms { get; private set; } = [];

    public IReadOnlyList<LegalHold> Holds { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? EntityType { get; private set; }

    public string? EntityId { get; private set; }

    public string? Reason { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPlazoAsync(string? tipo, int? dias, CancellationToken cancellationToken)
    {
        if (dias is null)
        {
            ModelState.AddModelError("dias", "Indique los días como un número entero (0 o más).");
        }
        else
        {
            try
            {
                await settings.SetTermAsync(tipo ?? "", dias.Value, HttpContext.GetActor(), cancellationToken);
                Message = $"El contenido de «{tipo}» se guardará {dias} días.";
                return RedirectToPage();
            }
            catch (RetentionValidationException ex)
            {
                ModelState.AddModelError(ex.Field, ex.Message);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRetenerAsync(string? entidadTipo, string? entidadId, string? motivo, CancellationToken cancellationToken)
    {
        try
        {
            var hold = await settings.PlaceHoldAsync(entidadTipo, entidadId, motivo, HttpContext.GetActor(), cancellationToken);
            Message = $"Retención legal puesta sobre {hold.EntityType} {hold.EntityId}: su contenido no se depurará mientras siga activa.";
            return RedirectToPage();
        }
        catch (RetentionValidationException ex)
        {
            ModelState.AddModelError(ex.Field, ex.Message);
            (EntityType, EntityId, Reason) = (entidadTipo, entidadId, motivo);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostQuitarAsync(Guid id, CancellationToken cancellationToken)
    {
        Message = await settings.ReleaseHoldAsync(id, HttpContext.GetActor(), cancellationToken)
            ? "Retención legal quitada; su contenido vuelve a seguir el plazo de su tipo."
            : "Esa retención legal ya no estaba activa.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Terms = await settings.TermsAsync(cancellationToken);
        Holds = await settings.ActiveHoldsAsync(cancellationToken);
    }
}
