using Cartero.Features.Tracking;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Configuracion;

/// <summary>Admins and support see, search, add and remove suppressed addresses; removing asks for confirmation first.</summary>
public sealed class SupresionesModel(SuppressionService suppressions) : PageModel
{
    public IReadOnlyList<SuppressionView> Entries { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>The address whose removal waits for confirmation.</summary>
    [BindProperty(SupportsGet = true, Name = "quitar")]
    public string? ToRemove { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await suppressions.SearchAsync(Query, SuppressionService.MaxPage, cancellationToken);

    public async Task<IActionResult> OnPostAgregarAsync(CancellationToken cancellationToken)
    {
        var (entry, created, errors) = await suppressions.AddAsync(new SuppressionRequest(Address, Reason), HttpContext.GetActor(), cancellationToken);
        if (entry is null)
        {
            foreach (var (field, messages) in errors)
            {
                ModelState.AddModelError(field == "address" ? nameof(Address) : nameof(Reason), messages[0]);
            }

            Entries = await suppressions.SearchAsync(Query, SuppressionService.MaxPage, cancellationToken);
            return Page();
        }

        Message = created
            ? $"{entry.Address} quedó en la lista de supresión: no se le enviarán más correos hasta quitarla."
            : $"{entry.Address} ya estaba en la lista de supresión ({entry.Reason}).";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostQuitarAsync(string? address, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            Message = "Indique qué dirección quitar: use «Quitar…» en su fila de la lista.";
            return RedirectToPage();
        }

        Message = await suppressions.RemoveAsync(address, HttpContext.GetActor(), cancellationToken)
            ? $"{address} salió de la lista de supresión: los correos a ella vuelven a enviarse. Reintente los que fallaron por esta causa desde Correos enviados."
            : $"{address} no estaba en la lista de supresión.";
        return RedirectToPage();
    }
}
