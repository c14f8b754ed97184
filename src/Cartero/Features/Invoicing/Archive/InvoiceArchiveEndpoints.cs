using System.Globalization;
using Cartero.Platform.Auth;

namespace Cartero.Features.Invoicing.Archive;

/// <summary><c>GET /api/v1/invoices/archive?month=aaaa-mm</c>: the month's archive as a ZIP streamed to the response, audited.</summary>
internal static class InvoiceArchiveEndpoints
{
    /// <summary>The first and last day of a month given as aaaa-mm, or null.</summary>
    public static (DateOnly First, DateOnly Last)? ParseMonth(string? month) =>
        DateOnly.TryParseExact(month?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? (first, first.AddMonths(1).AddDays(-1))
            : null;

    public const string MonthProblem = "Indique el mes como aaaa-mm (por ejemplo 2026-11).";

    /// <summary>Streams the ZIP as the response and records who took which month.</summary>
    public static async Task WriteAsync(InvoiceArchive archive, HttpContext http, (DateOnly First, DateOnly Last) month, CancellationToken cancellationToken)
    {
        var name = $"comprobantes-{month.First:yyyy-MM}.zip";
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        var summary = await archive.WriteZipAsync(http.Response.Body, month.First, month.Last, cancellationToken);
        await archive.AuditAsync(http.GetActor(), month.First, month.Last, name, summary, cancellationToken);
    }
}
