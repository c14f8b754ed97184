using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Tienda.Clientes;

/// <summary>Find a customer by name, identification or email, or create one at the counter.</summary>
public sealed class IndexModel(CustomerService customers) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty]
    public CustomerForm Input { get; set; } = new();

    public IReadOnlyList<Customer> Customers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Customers = await customers.SearchAsync(Query, cancellationToken);

    public async Task<IActionResult> OnPostCrearAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await customers.CreateAsync(Input.ToInput(), HttpContext.GetActor(), cancellationToken);
            return Redirect($"/tienda/ventas/nueva?cliente={created.Id}");
        }
        catch (StoreValidationException ex)
        {
            ModelState.Clear();
            ModelState.AddErrors(ex, nameof(Input));
            Customers = await customers.SearchAsync(Query, cancellationToken);
            return Page();
        }
    }
}
