using System.Globalization;

namespace Cartero.Features.Invoicing;

/// <summary>The fecha de emisión is checked before the XML is built and signed: not after today, not older than the SRI accepts.</summary>
public static class IssueDateRule
{
    /// <summary>The comprobante reaches the SRI within 24 h of its issue, so at most yesterday's date (README of Cartero.Sri).</summary>
    public const int DefaultMaxAgeDays = 1;

    /// <summary>The Spanish problem of <paramref name="issueDate"/>, or null when the SRI will take it.</summary>
    public static string? Problem(DateOnly issueDate, DateOnly today, int maxAgeDays)
    {
        string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        if (issueDate > today)
        {
            return $"La fecha de emisión {Day(issueDate)} es posterior a hoy ({Day(today)}, hora de Ecuador): el SRI no acepta comprobantes con fecha futura. Use la fecha de hoy u omita issueDate.";
        }

        var oldest = today.AddDays(-Math.Max(0, maxAgeDays));
        return issueDate < oldest
            ? $"La fecha de emisión {Day(issueDate)} es anterior al {Day(oldest)}: el SRI rechaza con el código 65 (fecha de emisión extemporánea) un comprobante enviado fuera de plazo. Emítalo con la fecha de hoy."
            : null;
    }
}
