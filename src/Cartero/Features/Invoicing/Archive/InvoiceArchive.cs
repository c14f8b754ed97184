using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Export;

namespace Cartero.Features.Invoicing.Archive;

/// <summary>
/// The contador's archive (comprobantes are kept 7 years): every authorised comprobante of a period as its authorised
/// XML and its RIDE, plus <c>indice.csv</c> with the sha256 of each file. A RIDE that cannot be drawn does not cut the archive
/// short: the other files still go in, and <c>ERRORES.txt</c> says what is missing and why. Written as a ZIP straight to a stream (the
/// HTTP response) or as files into a folder; one document in memory at a time.
/// </summary>
internal sealed class InvoiceArchive(IEnumerable<IArchiveSource> sources, IAuditTrail audit)
{
    public const string IndexName = "indice.csv";

    public const string ErrorsName = "ERRORES.txt";

    public static readonly string[] IndexColumns =
    [
        "tipo", "clave_acceso", "numero", "fecha_emision", "fecha_autorizacion", "comprador_identificacion", "comprador", "importe_total",
        "archivo_xml", "sha256_xml", "archivo_ride", "sha256_ride",
    ];

    /// <summary>Writes the ZIP to <paramref name="output"/> (left open); the stream needs no seeking.</summary>
    public async Task<ArchiveSummary> WriteZipAsync(Stream output, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        await using var drained = new AsyncOnlySink(output);
        Dictionary<string, int> counts;
        List<string> errors;
        string hash;
        await using (var zip = await ZipArchive.CreateAsync(drained, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            List<string?[]> index;
            (counts, index, errors) = await CollectAsync(async (name, bytes, when, ct) =>
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = when;
                await using (var stream = await entry.OpenAsync(ct))
                {
                    await stream.WriteAsync(bytes, ct);
                }

                await drained.DrainAsync(ct);
            }, from, until, cancellationToken);
            var indexEntry = zip.CreateEntry(IndexName, CompressionLevel.Optimal);
            await using (var stream = await indexEntry.OpenAsync(cancellationToken))
            {
                hash = await WriteIndexAsync(stream, index, cancellationToken);
            }

            if (errors.Count > 0)
            {
                var errorsEntry = zip.CreateEntry(ErrorsName, CompressionLevel.Optimal);
                await using var stream = await errorsEntry.OpenAsync(cancellationToken);
                await stream.WriteAsync(ErrorsText(errors, from, until), cancellationToken);
            }
        }

        // The central directory, written when the archive closes.
        await drained.DrainAsync(cancellationToken);
        return new ArchiveSummary(counts, hash, errors);
    }

    /// <summary>Writes the files and the index into <paramref name="folder"/> (created when missing).</summary>
    public async Task<ArchiveSummary> WriteFolderAsync(string folder, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var (counts, index, errors) = await CollectAsync(async (name, bytes, when, ct) =>
        {
            var path = Path.Combine(folder, name);
            await File.WriteAllBytesAsync(path, bytes, ct);
            File.SetLastWriteTimeUtc(path, when.UtcDateTime);
        }, from, until, cancellationToken);
        await using var file = new FileStream(Path.Combine(folder, IndexName), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var hash = await WriteIndexAsync(file, index, cancellationToken);
        if (errors.Count > 0)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, ErrorsName), ErrorsText(errors, from, until), cancellationToken);
        }

        return new ArchiveSummary(counts, hash, errors);
    }

    public Task AuditAsync(RequestActor actor, DateOnly from, DateOnly until, string destination, ArchiveSummary summary, CancellationToken cancellationToken) =>
        audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ArchiveDocuments, "factura", new ArchiveDocumentsDetails(
            from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            destination,
            summary.Documents,
            summary.IndexSha256,
            summary.Errors ?? [])), cancellationToken);

    private async Task<(Dictionary<string, int> Counts, List<string?[]> Index, List<string> Errors)> CollectAsync(
        Func<string, byte[], DateTimeOffset, CancellationToken, Task> write, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        // The index keeps one short line per document (not the files) to be written after them.
        var index = new List<string?[]>();
        var errors = new List<string>();
        var counts = new Dictionary<string, int>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            counts[source.DocumentType] = 0;
            await foreach (var doc in source.ReadAsync(from, until, cancellationToken))
            {
                var stem = $"{doc.DocumentType}-{doc.Number}";
                if (!names.Add(stem))
                {
                    // The same número in both ambientes: the clave tells them apart.
                    stem = $"{stem}-{doc.AccessKey}";
                    names.Add(stem);
                }

                var when = new DateTimeOffset(DateTime.SpecifyKind(doc.AuthorizedAt ?? doc.IssueDate.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc));
                var xmlName = stem + ".xml";
                string? rideName = $"RIDE-{stem}.pdf";
                await write(xmlName, doc.Xml, when, cancellationToken);
                if (doc.Ride is { } ride)
                {
                    await write(rideName, ride, when, cancellationToken);
                }
                else
                {
                    errors.Add($"{Kind(doc.DocumentType)} {doc.Number} (clave de acceso {doc.AccessKey}): no se incluyó el RIDE {rideName} porque no se pudo generar: " +
                        $"{doc.RideError} El XML autorizado ({xmlName}) sí está en el archivo; corrija la causa y descargue el RIDE desde Cartero.");
                    rideName = null;
                }

                index.Add(
                [
                    doc.DocumentType, doc.AccessKey, doc.Number, doc.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Platform.Web.EcuadorTime.IsoWithOffset(doc.AuthorizedAt), doc.BuyerId, doc.BuyerName, doc.Total.ToString("0.00", CultureInfo.InvariantCulture),
                    xmlName, Sha256(doc.Xml), rideName, doc.Ride is null ? null : Sha256(doc.Ride),
                ]);
                counts[source.DocumentType]++;
            }
        }

        return (counts, index, errors);
    }

    private static string Kind(string documentType) => documentType == "nota_credito" ? "Nota de crédito" : "Factura";

    private static byte[] ErrorsText(List<string> errors, DateOnly from, DateOnly until)
    {
        var text = new System.Text.StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Comprobantes del {from:yyyy-MM-dd} al {until:yyyy-MM-dd}: {errors.Count} archivo(s) no se incluyeron en este archivo.\r\n")
            .Append("Todos los demás documentos están completos y figuran en " + IndexName + ".\r\n\r\n");
        foreach (var e in errors)
        {
            text.Append("- ").Append(e).Append("\r\n");
        }

        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<string> WriteIndexAsync(Stream output, List<string?[]> index, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await CsvTable.WriteAsync(buffer, IndexColumns, Rows(index), r => r, cancellationToken);
        buffer.Position = 0;
        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        await buffer.CopyToAsync(output, cancellationToken);
        return hash;
    }

    private static async IAsyncEnumerable<string?[]> Rows(List<string?[]> index)
    {
        foreach (var row in index)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
