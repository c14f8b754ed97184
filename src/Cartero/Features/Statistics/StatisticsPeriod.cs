using System.Globalization;

namespace Cartero.Features.Statistics;

/// <summary>
/// A statistics period: whole Ecuadorian calendar days, both ends included, at most a year. Statistics are
/// kept per day, so a period never starts or ends inside a day.
/// </summary>
public sealed record StatisticsPeriod(DateOnly First, DateOnly Last)
{
    public const int MaxDays = 366;

    /// <summary>
    /// Reads <c>yyyy-MM-dd</c> days (missing: the last 30 days up to <paramref name="today"/>); problems are added
    /// to <paramref name="errors"/> under the given field names, in Spanish.
    /// </summary>
    public static StatisticsPeriod? Parse(
        string? first, string? last, DateOnly today, string firstField, string lastField, Dictionary<string, string[]> errors)
    {
        var f = ParseDay(first, firstField, errors) ?? today.AddDays(-29);
        var l = ParseDay(last, lastField, errors) ?? today;
        if (errors.Count > 0)
        {
            return null;
        }

        if (f > l)
        {
            errors[lastField] = [$"'{lastField}' debe ser igual o posterior a '{firstField}'."];
            return null;
        }

        if (l.DayNumber - f.DayNumber + 1 > MaxDays)
        {
            errors[firstField] = ["El período máximo es de un año."];
            return null;
        }

        return new StatisticsPeriod(f, l);
    }

    private static DateOnly? ParseDay(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = [$"Fecha inválida '{value}': indique un día de Ecuador como AAAA-MM-DD, por ejemplo 2026-11-24."];
        return null;
    }
}
