using Cartero.Features.Logs;
using Cartero.Features.Sending;
using Cartero.Features.Templates;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Correos;

/// <summary>The send log: filters in the URL (shareable), newest first, keyset pages.</summary>
public sealed class IndexModel(EmailLogQueries queries, IEmailTemplates templates) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public string? Hasta { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tipo { get; set; }
    [BindProperty(SupportsGet = true)] public string? Estado { get; set; }
    [BindProperty(SupportsGet = true)] public string? Destinatario { get; set; }
    [BindProperty(SupportsGet = true)] public string? IdDestinatario { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntidadTipo { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntidadId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Origen { get; set; }
    [BindProperty(SupportsGet = true)] public string? OriginadoPor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Texto { get; set; }
    [BindProperty(SupportsGet = true)] public string? Despues { get; set; }

    public IReadOnlyList<EmailLogEntry> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public int Total { get; private set; }
    public IReadOnlyCollection<string> Types => templates.KnownTypes.Order(StringComparer.Ordinal).ToList();
    public IReadOnlyCollection<string> States => EmailStatusCodes.All;
    public List<string> Problems { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var filter = BuildFilter();
        EmailLogCursor? cursor = null;
        if (Despues is not null && !EmailLogCursor.TryDecode(Despues, out cursor))
        {
            Problems.Add("El enlace de página no es válido; se muestra la primera página.");
        }

        Total = await queries.Filtered(filter).CountAsync(cancellationToken);
        var (items, next) = await queries.PageAsync(filter, cursor, PageSize, cancellationToken);
        Items = items;
        NextCursor = next?.Encode();
    }

    public EmailLogFilter BuildFilter()
    {
        var from = EcuadorTime.ParseLocal(Desde);
        if (Desde is not null && from is null)
        {
            Problems.Add($"La fecha 'desde' no es válida: {Desde}.");
        }

        var until = EcuadorTime.ParseLocal(Hasta);
        if (Hasta is not null && until is null)
        {
            Problems.Add($"La fecha 'hasta' no es válida: {Hasta}.");
        }
        else if (until is not null && Hasta!.Length <= 10)
        {
            // A bare date means "until the end of that day".
            until = until.Value.AddDays(1);
        }

        if (Estado is not null && !EmailStatusCodes.TryParse(Estado, out _))
        {
            Problems.Add($"Estado desconocido: {Estado}.");
        }

        return new EmailLogFilter
        {
            Status = Blank(Estado), Type = Blank(Tipo), To = Blank(Destinatario), RecipientId = Blank(IdDestinatario),
            EntityType = Blank(EntidadTipo), EntityId = Blank(EntidadId), Origin = Blank(Origen),
            OriginatedBy = Blank(OriginadoPor), Text = Blank(Texto), From = from, Until = until,
        };
    }

    /// <summary>The current filter as query values, for the next-page link.</summary>
    public Dictionary<string, string> RouteValues(string? after)
    {
        var values = new Dictionary<string, string>();
        void Put(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[key] = value;
            }
        }

        Put("desde", Desde);
        Put("hasta", Hasta);
        Put("tipo", Tipo);
        Put("estado", Estado);
        Put("destinatario", Destinatario);
        Put("idDestinatario", IdDestinatario);
        Put("entidadTipo", EntidadTipo);
        Put("entidadId", EntidadId);
        Put("origen", Origen);
        Put("originadoPor", OriginadoPor);
        Put("texto", Texto);
        Put("despues", after);
        return values;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
