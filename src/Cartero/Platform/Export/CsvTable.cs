using System.Text;

namespace Cartero.Platform.Export;

/// <summary>
/// Streams rows as RFC 4180 CSV, UTF-8 with BOM so spreadsheet programs read the accents, one row in memory at a
/// time; cells that a spreadsheet would run as a formula are neutralised. The separator is a comma, or a semicolon
/// for spreadsheet programs set up for Spanish (where the comma is the decimal mark).
/// </summary>
public static class CsvTable
{
    /// <summary>Writes <paramref name="preamble"/> (a line above the header, when given), the header and every row; returns the number of rows.</summary>
    public static async Task<long> WriteAsync<T>(Stream output, IReadOnlyList<string> columns, IAsyncEnumerable<T> rows, Func<T, string?[]> values, CancellationToken cancellationToken, string? preamble = null, char separator = ',')
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        if (preamble is not null)
        {
            await writer.WriteLineAsync(preamble);
        }

        await writer.WriteLineAsync(string.Join(separator, columns));
        long count = 0;
        var line = new StringBuilder(512);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            var cells = values(row);
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(separator);
                }

                Append(line, cells[i], separator);
            }

            await writer.WriteLineAsync(line, cancellationToken);
            if (++count % 5000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    private static void Append(StringBuilder line, string? value, char separator)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // A cell starting with = + - @ would run as a formula when the file is opened in a spreadsheet.
        var guard = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quote = guard || value.AsSpan().IndexOfAny("\"\r\n") >= 0 || value.Contains(separator, StringComparison.Ordinal);
        if (!quote)
        {
            line.Append(value);
            return;
        }

        line.Append('"');
        if (guard)
        {
            line.Append('\'');
        }

        line.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
