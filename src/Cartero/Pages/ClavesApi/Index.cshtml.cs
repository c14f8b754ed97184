using Cartero.Features.ApiKeys;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.ClavesApi;

/// <summary>Admins create (shown once) and revoke the API keys of the ERP, the POS and other machines.</summary>
public sealed class IndexModel(ApiKeyService keys) : PageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool IsAdmin { get; set; }

    public string? NewSecret { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await keys.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCrearAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (key, secret) = await keys.CreateAsync(Name?.Trim() ?? "", IsAdmin, HttpContext.GetActor(), cancellationToken);
            NewSecret = secret;
            Message = $"Clave '{key.Name}' creada. Cópiela ahora: no se volverá a mostrar.";
            // A fresh form: the next key must not silently inherit "Acceso de administración".
            ModelState.Clear();
            Name = null;
            IsAdmin = false;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Message = null;
            ModelState.AddModelError(nameof(Name), ex is ArgumentException ? "Indique un nombre de hasta 100 caracteres (por ejemplo 'erp' o 'pos-quito')." : ex.Message);
        }

        Keys = await keys.ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevocarAsync(string name, CancellationToken cancellationToken)
    {
        Message = await keys.RevokeAsync(name, HttpContext.GetActor(), cancellationToken)
            ? $"Clave '{name}' revocada: deja de funcionar de inmediato."
            : $"No hay una clave activa llamada '{name}'.";
        return RedirectToPage();
    }
}
