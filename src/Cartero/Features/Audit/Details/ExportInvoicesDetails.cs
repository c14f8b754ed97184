using System.Text.Json.Serialization;

namespace Cartero.Features.Audit.Details;

/// <summary>An invoice export: its filter and how many rows. Stored as JSON in <c>log_auditoria.detalle</c>; names and order are part of the chain hash.</summary>
public sealed record ExportInvoicesDetails(
    [property: JsonPropertyName("filtro")] InvoiceExportFilterDetails Filter,
    [property: JsonPropertyName("filas")] long Rows);
