using System.Globalization;
using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Platform.Export;
using Cartero.Platform.Web;
using Microsoft.EntityFrameworkCore;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Cartero.Features.Logs;

/// <summary>
/// Streams the rows of a filter as CSV or XLSX with the column names of <c>log_envio_correo</c>, so an
/// auditor can match the file to the table. Memory stays flat: rows are read and written one at a time.
/// Times are Ecuador's: in CSV as ISO 8601 with the offset (<c>…-05:00</c>), in XLSX as date cells whose header
/// says the zone; counts are numbers.
/// </summary>
public sealed class EmailLogExporter(EmailLogQueries queries)
{
    public static readonly string[] Columns =
    [
        "id", "fecha_hora", "tipo_correo", "destinatario_tipo", "destinatario_id", "correo_destino", "nombre_destino",
        "correo_cc", "correo_cco", "entidad_tipo", "entidad_id", "estado", "mensaje_error", "origen", "originado_por",
        "asunto", "proveedor", "id_mensaje_proveedor", "message_id", "intentos", "proximo_intento", "ultimo_intento",
        "clave_idempotencia", "adjuntos",
        // Human columns beside the codes (CodeLabels, FailureExplainer): the stored code columns above stay as they are.
        "estado_texto", "tipo_correo_texto", "origen_texto", "explicacion_error",
    ];

    /// <summary>The XLSX header of a time column: a date cell carries no zone, so the header says it.</summary>
    public const string LocalTimeSuffix = " (hora de Ecuador)";

    private static readonly HashSet<string> TimeColumns = ["fecha_hora", "proximo_intento", "ultimo_intento"];

    /// <summary>Writes CSV (UTF-8 with BOM so spreadsheet programs read the accents) and returns the number of rows.</summary>
    public Task<long> WriteCsvAsync(EmailLogFilter filter, Stream output, CancellationToken cancellationToken, char separator = ',') =>
        CsvTable.WriteAsync(output, Columns, Ordered(filter).AsAsyncEnumerable(), e => [.. Values(e).Select(Text)], cancellationToken, separator: separator);

    /// <summary>Writes XLSX to <paramref name="output"/> (a seekable file stream) and returns the number of rows.</summary>
    public async Task<long> WriteXlsxAsync(EmailLogFilter filter, Stream output, CancellationToken cancellationToken)
    {
        long rows = 0;
        var headers = Columns.Select(c => TimeColumns.Contains(c) ? c + LocalTimeSuffix : c).ToArray();
        IEnumerable<IDictionary<string, object?>> Rows()
        {
            foreach (var e in Ordered(filter).AsEnumerable())
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows++;
                var values = Values(e);
                var row = new Dictionary<string, object?>(Columns.Length);
                for (var i = 0; i < Columns.Length; i++)
                {
                    row[headers[i]] = values[i] is DateTime utc ? EcuadorTime.ToLocal(utc) : values[i];
                }

                yield return row;
            }
        }

        await MiniExcel.SaveAsAsync(output, Rows(), sheetName: "log_envio_correo", cancellationToken: cancellationToken);
        return rows;
    }

    private IQueryable<EmailLogEntry> Ordered(EmailLogFilter filter) =>
        queries.Filtered(filter).OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.Id);

    private static object?[] Values(EmailLogEntry e) =>
    [
        e.Id.ToString(), e.RequestedAt, e.Type, e.RecipientKind, e.RecipientId, e.ToAddress, e.ToName, e.Cc, e.Bcc,
        e.EntityType, e.EntityId, e.Status.ToCode(), e.LastError, e.Origin, e.OriginatedBy, e.Subject, e.Provider,
        e.ProviderMessageId, e.MessageId, e.Attempts, e.NextAttemptAt, e.LastAttemptAt, e.IdempotencyKey,
        e.Attachments.Count == 0 ? null : string.Join("; ", e.Attachments.Select(a => $"{a.FileName} ({a.ContentType}, {a.Size} bytes, sha256 {a.Sha256})")),
        CodeLabels.EmailState(e.Status.ToCode()), CodeLabels.EmailType(e.Type), CodeLabels.Origin(e.Origin),
        e.LastError is null ? null : FailureExplainer.Explain(null, e.LastError).Explanation,
    ];

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime utc => EcuadorTime.IsoWithOffset(utc),
        int n => n.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
