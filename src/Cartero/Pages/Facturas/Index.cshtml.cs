using Cartero.Features.Invoicing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Facturas;

/// <summary>Invoices newest first, filtered by SRI state, issue dates and sale reference / clave de acceso; CSV export of the filter.</summary>
internal sealed class IndexModel(InvoiceQueries queries, InvoiceExport export, Features.Invoicing.Archive.InvoiceArchive archive, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "estado")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "buscar")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "desde")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "hasta")]
    public string? Until { get; set; }

    [BindProperty(SupportsGet = true, Name = "antes")]
    public Guid? Before { get; set; }

    public IReadOnlyList<InvoiceDto> Items { get; private set; } = [];

    /// <summary>The month the archive form offers: the previous one in Ecuador, the one the contador closes.</summary>
    public string ArchiveMonth => Platform.Web.EcuadorTime.ToLocal(time.GetUtcNow().UtcDateTime).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The current filter as a query string, for the next page and the export.</summary>
    public string Query => $"estado={Uri.EscapeDataString(Status ?? "")}&buscar={Uri.EscapeDataString(Search ?? "")}&desde={Uri.EscapeDataString(From ?? "")}&hasta={Uri.EscapeDataString(Until ?? "")}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Filter() is { } filter)
        {
            Items = await queries.ListAsync(filter, Before, PageSize, cancellationToken);
        }
    }

    public async Task<IActionResult> OnGetExportarAsync(CancellationToken cancellationToken)
    {
        if (Filter() is not { } filter)
        {
            return Page();
        }

        await export.WriteAsync(filter, HttpContext, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>The contador's archive of a month (aaaa-mm, by fecha de emisión): authorised XML and RIDE files with their index, as a ZIP.</summary>
    public async Task<IActionResult> OnGetArchivoAsync(string? mes, CancellationToken cancellationToken)
    {
        if (Features.Invoicing.Archive.InvoiceArchiveEndpoints.ParseMonth(mes) is not { } month)
        {
            ModelState.AddModelError("mes", Features.Invoicing.Archive.InvoiceArchiveEndpoints.MonthProblem);
            await OnGetAsync(cancellationToken);
            return Page();
        }

        await Features.Invoicing.Archive.InvoiceArchiveEndpoints.WriteAsync(archive, HttpContext, month, cancellationToken);
        return new EmptyResult();
    }

    private InvoiceFilter? Filter()
    {
        var search = Search?.Trim();
        var isKey = search is { Length: 49 } && search.All(char.IsAsciiDigit);
        var errors = InvoicingModule.ParseFilter(Status, isKey ? null : search, isKey ? search : null, From, Until, out var filter);
        foreach (var (field, messages) in errors ?? [])
        {
            var key = field switch { "status" => "estado", "from" => "desde", "until" => "hasta", _ => field };
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, message);
            }
        }

        return errors is null ? filter : null;
    }
}
