namespace Cartero.Features.Retention;

/// <summary>How long content is kept when an admin has not said otherwise (days).</summary>
public static class RetentionDefaults
{
    /// <summary>Seven years, leap days included: the tax law's term for invoices and receipts.</summary>
    public const int SevenYears = 2557;

    public const int Others = 365;

    public static readonly IReadOnlyDictionary<string, int> ByType = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["factura"] = SevenYears,
        ["comprobante"] = SevenYears,
        ["nota_credito"] = SevenYears,
        ["notificacion_clinica"] = 90,
        // The stored copy is already redacted; 0 removes even that as soon as the mail is no longer waiting to go out.
        ["recuperacion_contrasena"] = 0,
    };

    public static int For(string type) => ByType.TryGetValue(type, out var days) ? days : Others;

    /// <summary>The most an admin may set: a hundred years.</summary>
    public const int MaxDays = 36500;
}
