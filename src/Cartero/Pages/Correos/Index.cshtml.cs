using Cartero.Features.Logs;
using Cartero.Features.Sending;
using Cartero.Features.Templates;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Correos;

/// <summary>The send log: filters in the URL (shareable), newest first, keyset pages, counts, exports, bulk retry.</summary>
public sealed class IndexModel(EmailLogQueries queries, IEmailTemplates templates) : PageModel
{
    public const int PageSize = 50;

    public FiltroCorreos Filtro { get; private set; } = new();
    public IReadOnlyList<EmailLogEntry> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public int Total { get; private set; }
    public int Failed { get; private set; }
    public IReadOnlyCollection<string> Types => templates.KnownTypes.Order(StringComparer.Ordinal).ToList();
    public IReadOnlyCollection<string> States => EmailStatusCodes.All;
    public List<string> Problems { get; } = [];

    public async Task OnGetAsync([FromQuery] FiltroCorreos filtro, [FromQuery] string? despues, CancellationToken cancellationToken)
    {
        Filtro = filtro;
        var filter = filtro.ToFilter(Problems);
        if (filtro.RangeError is not null)
        {
            // An inverted range matches nothing by construction; saying so beats an empty list.
            return;
        }

        EmailLogCursor? cursor = null;
        if (despues is not null && !EmailLogCursor.TryDecode(despues, out cursor))
        {
            Problems.Add("El enlace de página no es válido; se muestra la primera página.");
        }

        var filtered = queries.Filtered(filter);
        Total = await filtered.CountAsync(cancellationToken);
        Failed = filter.Status is null or "fallido"
            ? await filtered.CountAsync(e => e.Status == EmailStatus.Fallido, cancellationToken)
            : 0;
        var (items, next) = await queries.PageAsync(filter, cursor, PageSize, cancellationToken);
        Items = items;
        NextCursor = next?.Encode();
    }

    public string Link(string page, string? after = null, Dictionary<string, string>? extra = null)
    {
        var query = Filtro.ToQuery(after);
        foreach (var (k, v) in extra ?? [])
        {
            query[k] = v;
        }

        return page + new QueryBuilder(query).ToQueryString();
    }
}
