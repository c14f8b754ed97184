using Cartero.Features.Store;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Tienda.Ventas;

/// <summary>"Mis ventas": the seller's own sales (all sales for admins and managers) with each one's mail state.</summary>
public sealed class IndexModel(SalesQuery query) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "dia")]
    public DateOnly? Day { get; set; }

    [BindProperty(SupportsGet = true, Name = "fallidos")]
    public bool FailedOnly { get; set; }

    public IReadOnlyList<SalesQuery.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await query.ListAsync(User.SeesAllSales() ? null : User.UserId(), Day, FailedOnly, cancellationToken);
}
