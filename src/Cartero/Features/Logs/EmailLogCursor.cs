using System.Globalization;
using System.Text;

namespace Cartero.Features.Logs;

/// <summary>The keyset position after the last row of a page: (<c>fecha_hora</c>, <c>id</c>), opaque to clients.</summary>
public sealed record EmailLogCursor(DateTime RequestedAt, Guid Id)
{
    public string Encode() => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{RequestedAt.Ticks}:{Id:N}"))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? value, out EmailLogCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        try
        {
            var b64 = value.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(b64)).Split(':');
            if (parts.Length == 2 &&
                long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) &&
                ticks is >= 0 and <= 3155378975999999999 &&
                Guid.TryParseExact(parts[1], "N", out var id))
            {
                cursor = new EmailLogCursor(new DateTime(ticks, DateTimeKind.Utc), id);
                return true;
            }
        }
        catch (FormatException)
        {
            // Not base64: reported as an invalid cursor below.
        }

        return false;
    }
}
