using System.Globalization;

namespace Cartero.Platform.Web;

/// <summary>Times are stored in UTC and shown to people in America/Guayaquil (UTC−5, no daylight saving).</summary>
public static class EcuadorTime
{
    public static readonly TimeZoneInfo Zone = FindZone();
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("es-EC");

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static string Format(DateTime? utc) =>
        utc is { } value ? ToLocal(value).ToString("dd/MM/yyyy HH:mm:ss", Culture) : "—";

    /// <summary>Reads a date (and optional time) typed in Ecuador's time and returns it in UTC.</summary>
    /// <summary>ISO 8601 in Ecuador's time with its offset (<c>2026-12-01T07:23:59.120-05:00</c>): local to a person, exact to a machine.</summary>
    public static string? IsoWithOffset(DateTime? utc) => utc is { } value
        ? new DateTimeOffset(ToLocal(value), Zone.GetUtcOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc))).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)
        : null;

    public static DateTimeOffset? ParseLocal(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) ||
            !DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Guayaquil");
        }
        catch (TimeZoneNotFoundException)
        {
            // Machines without tzdata: Ecuador has kept UTC−5 without daylight saving since 1993.
            return TimeZoneInfo.CreateCustomTimeZone("America/Guayaquil", TimeSpan.FromHours(-5), "Ecuador", "ECT");
        }
    }
}
