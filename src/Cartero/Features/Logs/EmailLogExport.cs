using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;

namespace Cartero.Features.Logs;

/// <summary>Sends an export as a download and records it in the audit trail (who, which filter, how many rows).</summary>
public sealed class EmailLogExport(EmailLogExporter exporter, IAuditTrail audit, TimeProvider time)
{
    /// <summary><paramref name="separator"/> applies to CSV: a comma, or a semicolon for spreadsheets set up for Spanish.</summary>
    public async Task WriteAsync(EmailLogFilter filter, string format, HttpContext http, CancellationToken cancellationToken, char separator = ',')
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var fileName = $"log_envio_correo-{stamp}.{format}";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        long rows;
        if (format == "xlsx")
        {
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            // The XLSX writer needs a seekable stream; a temp file keeps memory flat for large exports.
            var temp = Path.GetTempFileName();
            try
            {
                await using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    rows = await exporter.WriteXlsxAsync(filter, file, cancellationToken);
                }

                await using var read = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
                http.Response.ContentLength = read.Length;
                await read.CopyToAsync(http.Response.Body, cancellationToken);
            }
            finally
            {
                File.Delete(temp);
            }
        }
        else
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            rows = await exporter.WriteCsvAsync(filter, http.Response.Body, cancellationToken, separator);
        }

        var actor = http.GetActor();
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ExportEmails, "log_envio_correo",
            new ExportEmailsDetails(format, format == "xlsx" ? null : separator.ToString(), filter, rows)), cancellationToken);
    }
}
