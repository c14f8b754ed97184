using System.Globalization;
using System.Text.Encodings.Web;
using Cartero.Platform.Web;

namespace Cartero.Features.Privacy;

/// <summary>
/// Writes <c>resumen.html</c> straight into its ZIP entry. Only asynchronous writes reach the response, because the
/// server refuses synchronous ones; every text goes through the HTML encoder.
/// </summary>
public sealed class SummaryWriter(TextWriter writer)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(new TextEncoderSettings(
        System.Text.Unicode.UnicodeRanges.BasicLatin, System.Text.Unicode.UnicodeRanges.Latin1Supplement, System.Text.Unicode.UnicodeRanges.LatinExtendedA));

    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    public static string Date(DateTime? utc) => EcuadorTime.Format(utc);

    public static string Money(decimal amount) => amount.ToString("C2", EcuadorTime.Culture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes markup as given: callers encode every value with <see cref="Encode"/>.</summary>
    public Task RawAsync(string markup) => writer.WriteAsync(markup);

    public Task ParagraphAsync(string text) => writer.WriteAsync($"<p>{Encode(text)}</p>\n");

    /// <summary>A definition list of label/value pairs (values encoded here).</summary>
    public async Task FieldsAsync(IEnumerable<(string Label, string? Value)> fields)
    {
        await writer.WriteAsync("<dl>\n");
        foreach (var (label, value) in fields)
        {
            await writer.WriteAsync($"<dt>{Encode(label)}</dt><dd>{(string.IsNullOrEmpty(value) ? "—" : Encode(value))}</dd>\n");
        }

        await writer.WriteAsync("</dl>\n");
    }

    public async Task TableStartAsync(params string[] headers)
    {
        await writer.WriteAsync("<div class=\"tabla\"><table>\n<thead><tr>");
        foreach (var header in headers)
        {
            await writer.WriteAsync($"<th scope=\"col\">{Encode(header)}</th>");
        }

        await writer.WriteAsync("</tr></thead>\n<tbody>\n");
    }

    public async Task RowAsync(params string?[] cells)
    {
        await writer.WriteAsync("<tr>");
        foreach (var cell in cells)
        {
            await writer.WriteAsync($"<td>{(string.IsNullOrEmpty(cell) ? "—" : Encode(cell))}</td>");
        }

        await writer.WriteAsync("</tr>\n");
    }

    public Task TableEndAsync() => writer.WriteAsync("</tbody></table></div>\n");

    public Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);
}
