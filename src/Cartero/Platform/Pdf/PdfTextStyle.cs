namespace Cartero.Platform.Pdf;

/// <summary>The three text styles of <see cref="PdfTextWriter"/>.</summary>
public enum PdfTextStyle
{
    Body,
    Strong,
    Title,
}
