using System.Text.RegularExpressions;
using Cartero.Sri;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>
/// What a nota de crédito the SRI refused (or Cartero stopped before signing) can become, by the same rules as a factura:
/// corrected and sent again with the same clave, or, when the clave cannot go again (SRI codes 45 and 65, or a fecha de
/// emisión outside the SRI's window), abandoned so that what it credited is free for a new note.
/// </summary>
public static partial class CreditNoteClosing
{
    /// <summary>The advice for the history, the panel and the API, worded for a nota de crédito.</summary>
    public static string Advice(string verdict, bool requiresNewNote) => requiresNewNote
        ? $"{verdict} por el SRI con un código que no se corrige con la misma clave de acceso (45 secuencial registrado o 65 fecha fuera de plazo): " +
          "no la reenvíe; abandónela (lo que acreditaba de la factura queda libre) y emita una nota de crédito nueva desde la factura."
        : $"{verdict} por el SRI: corrija lo indicado (por ejemplo el motivo) y reenvíe la nota de crédito con la misma clave de acceso, o abandónela.";

    /// <summary>True for a refused note (devuelta or no autorizada) that has not been closed.</summary>
    public static bool IsRefused(CreditNote note) => note.Status is InvoiceStatus.Devuelta or InvoiceStatus.NoAutorizada;

    /// <summary>True when Cartero stopped the note before signing: it never reached the SRI.</summary>
    public static bool StoppedByCartero(CreditNote note) =>
        note.Status == InvoiceStatus.Devuelta && note.LastError?.StartsWith(InvoiceProcessor.StoppedBeforeSigning, StringComparison.Ordinal) == true;

    /// <summary>
    /// Why a refused note can only be abandoned (its clave cannot go to the SRI again), or null when a correction with the
    /// same clave can work. The SRI's codes are read back from the refusal kept in <see cref="CreditNote.LastError"/>.
    /// </summary>
    public static string? WhyOnlyAbandon(CreditNote note, DateOnly today, int maxIssueDateAgeDays)
    {
        if (IssueDateRule.Problem(note.IssueDate, today, maxIssueDateAgeDays) is { } late)
        {
            return late;
        }

        return RefusedForGood(note.LastError)
            ? "El SRI la rechazó con un código que no se corrige con la misma clave de acceso (45 secuencial registrado o 65 fecha fuera de plazo)."
            : null;
    }

    /// <summary>
    /// Whether the refusal kept in <paramref name="lastError"/> names a code the same clave cannot pass (45, 65…). A message
    /// whose tipo is not on its line (an información adicional with a line break) is taken as an error: offering a
    /// correction the SRI then refuses again costs more than offering only "abandonar".
    /// </summary>
    public static bool RefusedForGood(string? lastError) =>
        !InvoiceCorrection.CanResendWithSameKey(SriCode().Matches(lastError ?? "")
            .Select(m => new MensajeSri(m.Groups["code"].Value, "", null, m.Groups["tipo"].Success ? m.Groups["tipo"].Value : "ERROR")));

    // MensajeSri.ToString(): "[45] SECUENCIAL REGISTRADO: detalle (ERROR)", one per line; the tipo is optional here.
    [GeneratedRegex(@"\[(?<code>\d+)\](?:[^\n]*\((?<tipo>[A-Za-z]+)\)[ \t\r]*$)?", RegexOptions.Multiline)]
    private static partial Regex SriCode();
}
