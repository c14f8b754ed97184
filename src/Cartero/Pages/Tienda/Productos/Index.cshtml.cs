using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Tienda.Productos;

/// <summary>Products and stock for admins and managers: create, replenish (which re-arms the stock alert).</summary>
public sealed class IndexModel(ProductService products) : PageModel
{
    [BindProperty]
    public ProductInput Input { get; set; } = new(null, null, ProductCategories.Armazon, null, "4", 0, 0);

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Products = await products.ListAsync(null, cancellationToken);

    public async Task<IActionResult> OnPostCrearAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await products.CreateAsync(Input, HttpContext.GetActor(), cancellationToken);
            Message = $"Producto {created.Code} creado.";
            return RedirectToPage();
        }
        catch (StoreValidationException ex)
        {
            ModelState.Clear();
            ModelState.AddErrors(ex, nameof(Input));
            Products = await products.ListAsync(null, cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostReponerAsync(Guid id, int quantity, CancellationToken cancellationToken)
    {
        try
        {
            if (!await products.ReplenishAsync(id, quantity, HttpContext.GetActor(), cancellationToken))
            {
                return NotFound();
            }

            Message = $"Ingresaron {quantity} unidades.";
            return RedirectToPage();
        }
        catch (StoreValidationException ex)
        {
            ModelState.AddErrors(ex, "");
            Products = await products.ListAsync(null, cancellationToken);
            return Page();
        }
    }
}
