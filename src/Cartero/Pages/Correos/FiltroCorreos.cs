using Cartero.Features.Logs;
using Cartero.Features.Sending;
using Cartero.Platform.Web;

namespace Cartero.Pages.Correos;

/// <summary>The log filter as the panel's query string carries it (Spanish names, dates in Ecuador's time).</summary>
public sealed class FiltroCorreos
{
    public string? Desde { get; set; }
    public string? Hasta { get; set; }
    public string? Tipo { get; set; }
    public string? Estado { get; set; }
    public string? Destinatario { get; set; }
    public string? IdDestinatario { get; set; }
    public string? EntidadTipo { get; set; }
    public string? EntidadId { get; set; }
    public string? Origen { get; set; }
    public string? OriginadoPor { get; set; }
    public string? Texto { get; set; }

    /// <summary>Set by <see cref="ToFilter"/> when «desde» comes after «hasta»: a field error, and no list is shown.</summary>
    public string? RangeError { get; private set; }

    /// <summary>Translates to the query filter; problems a person should see are added to <paramref name="problems"/>.</summary>
    public EmailLogFilter ToFilter(List<string> problems)
    {
        var from = EcuadorTime.ParseLocal(Desde);
        if (!string.IsNullOrWhiteSpace(Desde) && from is null)
        {
            problems.Add($"La fecha 'desde' no es válida: {Desde}.");
        }

        var until = EcuadorTime.ParseLocal(Hasta);
        if (!string.IsNullOrWhiteSpace(Hasta) && until is null)
        {
            problems.Add($"La fecha 'hasta' no es válida: {Hasta}.");
        }
        else if (until is not null && Hasta!.Trim().Length <= 10)
        {
            // A bare date means "until the end of that day".
            until = until.Value.AddDays(1);
        }

        if (from is not null && until is not null && from >= until)
        {
            RangeError = $"La fecha «desde» ({Desde!.Trim()}) es posterior a «hasta» ({Hasta!.Trim()}): corrija el rango o deje una de las dos vacía.";
            problems.Add(RangeError);
        }

        if (!string.IsNullOrWhiteSpace(Estado) && !EmailStatusCodes.TryParse(Estado, out _))
        {
            problems.Add($"Estado desconocido: {Estado}.");
        }

        return new EmailLogFilter
        {
            Status = Blank(Estado), Type = Blank(Tipo), To = Blank(Destinatario), RecipientId = Blank(IdDestinatario),
            EntityType = Blank(EntidadTipo), EntityId = Blank(EntidadId), Origin = Blank(Origen),
            OriginatedBy = Blank(OriginadoPor), Text = Blank(Texto), From = from, Until = until,
        };
    }

    /// <summary>The filter as query values (plus an optional page cursor), for links that keep it.</summary>
    public Dictionary<string, string> ToQuery(string? after = null)
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
