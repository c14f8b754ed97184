namespace Cartero.Features.Invoicing;

/// <summary>One line of an invoice's history.</summary>
public sealed record InvoiceEventDto(DateTime At, string Status, string? PreviousStatus, string Detail, IReadOnlyList<string> SriMessages, string Actor)
{
    public static InvoiceEventDto From(InvoiceEvent e) => new(
        e.OccurredAt, e.Status.ToCode(), e.PreviousStatus?.ToCode(), e.Detail,
        e.SriMessages is null ? [] : e.SriMessages.Split('\n'), e.Actor);
}
