using SkiaSharp;

namespace Cartero.Platform.Pdf;

/// <summary>
/// A4 pages of plain text drawn with SkiaSharp (the same PDF stack as the RIDE and the receipt): lines at a cursor
/// that moves down, columns by x position, words wrapped to a width, a new page when the foot is reached.
/// </summary>
public sealed class PdfTextWriter : IDisposable
{
    public const float Width = 595f;
    public const float Height = 842f;
    public const float Margin = 40f;

    private readonly SKDocument _document;
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKTypeface _normal = SKTypeface.Default;
    private readonly SKTypeface _bold;
    private readonly SKFont _title;
    private readonly SKFont _body;
    private readonly SKFont _strong;
    private SKCanvas _canvas;

    private PdfTextWriter(Stream output, string title)
    {
        _document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = title, Creator = "Cartero" });
        _bold = SKTypeface.FromFamilyName(_normal.FamilyName, SKFontStyle.Bold) ?? _normal;
        _title = new SKFont(_bold, 16f);
        _body = new SKFont(_normal, 10f);
        _strong = new SKFont(_bold, 10f);
        _canvas = _document.BeginPage(Width, Height);
        Y = Margin + 10;
    }

    /// <summary>The baseline of the current line.</summary>
    public float Y { get; private set; }

    /// <summary>Draws a whole document and returns its bytes.</summary>
    public static byte[] Build(string title, Action<PdfTextWriter> draw)
    {
        using var ms = new MemoryStream();
        using (var writer = new PdfTextWriter(ms, title))
        {
            draw(writer);
            writer._document.EndPage();
            writer._document.Close();
        }

        return ms.ToArray();
    }

    /// <summary>Text on the current line at <paramref name="x"/> (the left margin by default); the cursor stays.</summary>
    public void Text(string text, PdfTextStyle style = PdfTextStyle.Body, float x = Margin, SKTextAlign align = SKTextAlign.Left) =>
        _canvas.DrawText(text, x, Y, align, Font(style), _ink);

    /// <summary>Moves to the next line (a new page when the foot is reached).</summary>
    public void NextLine(float advance = 14f)
    {
        Y += advance;
        if (Y > Height - Margin)
        {
            _document.EndPage();
            _canvas = _document.BeginPage(Width, Height);
            Y = Margin + 10;
        }
    }

    /// <summary>A paragraph wrapped at word boundaries to the width between the margins, one line per <see cref="NextLine"/>.</summary>
    public void Paragraph(string text, PdfTextStyle style = PdfTextStyle.Body)
    {
        var font = Font(style);
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && font.MeasureText(candidate) > Width - 2 * Margin)
                {
                    Text(line, style);
                    NextLine();
                    candidate = word;
                }

                line = candidate;
            }

            Text(line, style);
            NextLine();
        }
    }

    private SKFont Font(PdfTextStyle style) => style switch
    {
        PdfTextStyle.Title => _title,
        PdfTextStyle.Strong => _strong,
        _ => _body,
    };

    public void Dispose()
    {
        _title.Dispose();
        _body.Dispose();
        _strong.Dispose();
        _ink.Dispose();
        if (!ReferenceEquals(_bold, _normal))
        {
            _bold.Dispose();
        }

        _document.Dispose();
    }
}
