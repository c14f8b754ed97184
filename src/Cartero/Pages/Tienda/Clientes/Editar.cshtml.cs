using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Tienda.Clientes;

/// <summary>Edit a customer (audited).</summary>
public sealed class EditarModel(CustomerService customers) : PageModel
{
    [BindProperty]
    public CustomerForm Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await customers.FindAsync(id, cancellationToken) is not { } customer)
        {
            return NotFound();
        }

        Input = CustomerForm.From(customer);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            if (await customers.UpdateAsync(id, Input.ToInput(), HttpContext.GetActor(), cancellationToken) is null)
            {
                return NotFound();
            }

            Message = "Cliente guardado.";
            return RedirectToPage(new { id });
        }
        catch (StoreValidationException ex)
        {
            ModelState.Clear();
            ModelState.AddErrors(ex, nameof(Input));
            return Page();
        }
    }
}
