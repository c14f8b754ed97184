using Cartero.Features.Invoicing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Facturas;

/// <summary>Invoices newest first, filtered by SRI state or by sale reference / clave de acceso.</summary>
public sealed class IndexModel(InvoiceQueries queries) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "estado")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "buscar")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "antes")]
    public Guid? Before { get; set; }

    public IReadOnlyList<InvoiceDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        InvoiceStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (InvoiceStatusCodes.TryParse(Status, out var parsed))
            {
                status = parsed;
            }
            else
            {
                ModelState.AddModelError("estado", $"Estado «{Status}» desconocido.");
            }
        }

        var search = Search?.Trim();
        var isKey = search is { Length: 49 } && search.All(char.IsAsciiDigit);
        Items = await queries.ListAsync(status, isKey ? null : search, isKey ? search : null, Before, PageSize, cancellationToken);
    }
}
