using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cartero.Features.Audit;

/// <summary>
/// The details of the audit row that closes what was written before the chains had a key: how many such rows each
/// table held (and up to which event id), so none can be added, removed or passed off as old later. Signed like any row.
/// </summary>
public sealed record ChainSeal(
    [property: JsonPropertyName("filasAuditoriaSinClave")] long AuditRows,
    [property: JsonPropertyName("eventosFacturaSinClave")] long InvoiceEvents,
    [property: JsonPropertyName("eventosFacturaHastaId")] long InvoiceEventsUpTo,
    [property: JsonPropertyName("eventosCorreoSinClave")] long EmailEvents,
    [property: JsonPropertyName("eventosCorreoHastaId")] long EmailEventsUpTo)
{
    public const string Action = "sellar_cadenas";

    public static ChainSeal? Parse(string? details)
    {
        if (details is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ChainSeal>(details);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
