namespace Cartero.Sri;

/// <summary>The paper the RIDE is laid out for.</summary>
public enum FormatoRide
{
    /// <summary>An A4 page in two columns, the layout the SRI's examples show.</summary>
    A4,

    /// <summary>An 80 mm roll for counter printers: one narrow column on one long page.</summary>
    Rollo80mm,
}
