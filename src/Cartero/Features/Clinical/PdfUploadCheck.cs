using System.Text;

namespace Cartero.Features.Clinical;

/// <summary>
/// An uploaded clinical PDF must be a real PDF, not a renamed file: it starts with <c>%PDF-1.x</c> or <c>%PDF-2.x</c>,
/// ends with <c>%%EOF</c> (in its last kilobyte), and its last <c>startxref</c> points inside the file at a
/// cross-reference table (<c>xref</c>) or stream (<c>N G obj</c>). The extension is not trusted.
/// </summary>
public static class PdfUploadCheck
{
    public const string Field = "archivo";

    /// <exception cref="ClinicalValidationException">Empty, too large, or not a PDF.</exception>
    public static void Check(string? fileName, byte[] content, long maxBytes)
    {
        if (content.Length == 0)
        {
            throw ClinicalValidationException.Of(Field, "Elija un archivo PDF para subir.");
        }

        if (content.Length > maxBytes)
        {
            throw ClinicalValidationException.Of(Field, $"El archivo pesa {content.Length / 1024:N0} KB; el máximo es {maxBytes / 1024:N0} KB. Redúzcalo o súbalo en partes.");
        }

        if (!fileName?.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ?? true)
        {
            throw ClinicalValidationException.Of(Field, "El archivo debe tener la extensión .pdf.");
        }

        if (!IsPdf(content))
        {
            throw ClinicalValidationException.Of(Field, "El archivo no es un PDF válido (puede ser otro tipo de archivo con la extensión cambiada o un PDF dañado). Expórtelo de nuevo como PDF.");
        }
    }

    public static bool IsPdf(byte[] content)
    {
        if (content.Length < 32 || !content.AsSpan().StartsWith("%PDF-"u8) || content[5] is not ((byte)'1' or (byte)'2') || content[6] != (byte)'.')
        {
            return false;
        }

        var tailStart = Math.Max(0, content.Length - 1024);
        var tail = Encoding.Latin1.GetString(content, tailStart, content.Length - tailStart);
        var eof = tail.LastIndexOf("%%EOF", StringComparison.Ordinal);
        var startxref = tail.LastIndexOf("startxref", StringComparison.Ordinal);
        if (eof < 0 || startxref < 0 || startxref > eof)
        {
            return false;
        }

        var number = tail[(startxref + "startxref".Length)..eof].Trim();
        if (!long.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset) || offset <= 0 || offset >= content.Length)
        {
            return false;
        }

        // The cross-reference section: a classic table, or a stream object ("12 0 obj").
        var at = Encoding.Latin1.GetString(content, (int)offset, (int)Math.Min(32, content.Length - offset));
        return at.StartsWith("xref", StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(at, @"^\d+\s+\d+\s+obj");
    }
}
