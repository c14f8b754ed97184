using System.Globalization;
using Cartero.Platform.Auth;
using Cartero.Platform.Cli;

namespace Cartero.Features.Invoicing.Archive;

/// <summary><c>invoices archive --from aaaa-mm-dd --to aaaa-mm-dd --out CARPETA</c>: the contador's archive of a date range, to a folder.</summary>
internal sealed class InvoiceArchiveVerb(InvoiceArchive archive) : ICliVerb
{
    private const string UsageLine = "invoices archive --from aaaa-mm-dd --to aaaa-mm-dd --out CARPETA   XML autorizados, RIDE e indice.csv (sha256) de las fechas de emisión indicadas";

    public IReadOnlyList<string> Words { get; } = ["invoices", "archive"];

    public string Usage => UsageLine;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? from = null, to = null, folder = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var value = i + 1 < arguments.Count ? arguments[i + 1] : null;
            switch (arguments[i])
            {
                case "--from": from = value; i++; break;
                case "--to": to = value; i++; break;
                case "--out": folder = value; i++; break;
                default:
                    await error.WriteLineAsync($"Opción desconocida «{arguments[i]}». Uso: {UsageLine}");
                    return 2;
            }
        }

        if (!TryDate(from, out var first) || !TryDate(to, out var last) || string.IsNullOrWhiteSpace(folder))
        {
            await error.WriteLineAsync($"Indique --from y --to como aaaa-mm-dd y la carpeta --out. Uso: {UsageLine}");
            return 2;
        }

        if (last < first)
        {
            await error.WriteLineAsync($"La fecha --to ({to}) es anterior a --from ({from}).");
            return 2;
        }

        ArchiveSummary summary;
        try
        {
            summary = await archive.WriteFolderAsync(Path.GetFullPath(folder), first, last, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"No se pudo escribir en {folder}: {ex.Message}");
            return 1;
        }

        await archive.AuditAsync(new RequestActor($"cli:{Environment.UserName}", null, true), first, last, Path.GetFullPath(folder), summary, cancellationToken);
        await output.WriteLineAsync($"{summary.Total} comprobantes autorizados del {first:yyyy-MM-dd} al {last:yyyy-MM-dd} escritos en {Path.GetFullPath(folder)} " +
            $"({string.Join(", ", summary.Documents.Select(d => $"{d.Key}: {d.Value}"))}); índice {InvoiceArchive.IndexName} sha256 {summary.IndexSha256}.");
        if (summary.ErrorCount > 0)
        {
            await error.WriteLineAsync($"{summary.ErrorCount} archivo(s) no se pudieron incluir; el detalle está en {InvoiceArchive.ErrorsName} de la carpeta.");
        }

        return 0;
    }

    private static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
