using System.Globalization;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;

namespace Cartero.Features.Logs;

/// <summary>Query string of <c>GET /api/v1/emails</c>, parsed and checked field by field.</summary>
public sealed record EmailListQuery(
    string? Status,
    string? Type,
    string? To,
    string? RecipientId,
    string? EntityType,
    string? EntityId,
    string? Origin,
    string? OriginatedBy,
    string? From,
    string? Until,
    string? After,
    int? Limit)
{
    public const int DefaultLimit = 50;

    public bool TryParse(out EmailLogFilter filter, out EmailLogCursor? cursor, out int limit, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (Status is not null && !EmailStatusCodes.TryParse(Status, out _))
        {
            errors["status"] = [$"Estado desconocido '{Status}'. Valores válidos: {string.Join(", ", EmailStatusCodes.All)}."];
        }

        if (Origin is not null && Origin is not (EmailOrigin.Manual or EmailOrigin.Automatic or EmailOrigin.Api))
        {
            errors["origin"] = ["Origen desconocido. Valores válidos: manual, automatico, api."];
        }

        var from = ParseDate(From, "from", errors);
        var until = ParseDate(Until, "until", errors);
        if (from is not null && until is not null && from >= until)
        {
            errors["until"] = ["'until' debe ser posterior a 'from'."];
        }

        cursor = null;
        if (After is not null && !EmailLogCursor.TryDecode(After, out cursor))
        {
            errors["after"] = ["Cursor inválido: use el valor 'nextCursor' de la página anterior."];
        }

        limit = Limit ?? DefaultLimit;
        if (limit is < 1 or > EmailLogQueries.MaxPageSize)
        {
            errors["limit"] = [$"'limit' debe estar entre 1 y {EmailLogQueries.MaxPageSize}."];
        }

        filter = new EmailLogFilter
        {
            Status = Status, Type = Type, To = To, RecipientId = RecipientId, EntityType = EntityType, EntityId = EntityId,
            Origin = Origin, OriginatedBy = OriginatedBy, From = from, Until = until,
        };
        return errors.Count == 0;
    }

    internal static DateTimeOffset? ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"Fecha inválida '{value}': use ISO 8601, por ejemplo 2026-11-24 o 2026-11-24T10:00:00-05:00."];
        return null;
    }
}
