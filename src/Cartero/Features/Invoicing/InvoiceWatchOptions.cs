namespace Cartero.Features.Invoicing;

/// <summary><c>Cartero:Invoicing</c>: the issue-date window and the watch on invoices that are stuck or not delivered.</summary>
public sealed class InvoiceWatchOptions
{
    /// <summary>An invoice in <c>enviada_sri</c> or <c>recibida</c> longer than this raises an admin alert.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An authorised invoice whose mail has not been delivered after this shows in "Comprobantes sin entregar".</summary>
    public TimeSpan DeliveryDeadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How many days before today (Ecuador) a fecha de emisión may be: the SRI refuses a late comprobante with 65
    /// "fecha de emisión extemporánea" (see src/Cartero.Sri/README.md for the figure and its source).
    /// </summary>
    public int MaxIssueDateAgeDays { get; set; } = IssueDateRule.DefaultMaxAgeDays;
}
