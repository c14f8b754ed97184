namespace Cartero.Features.Invoicing;

/// <summary>An attempt to move an invoice between two states its state machine does not connect.</summary>
/// <remarks>
/// An <see cref="InvalidOperationException"/> so the background processor's handling of a step that lost a race stays
/// as it is; the API maps this type, never the base type.
/// </remarks>
public sealed class InvalidInvoiceTransitionException(string number, InvoiceStatus from, InvoiceStatus to)
    : InvalidOperationException($"La factura {number} está «{from.ToCode()}» y no puede pasar a «{to.ToCode()}».")
{
    public InvoiceStatus From { get; } = from;
    public InvoiceStatus To { get; } = to;
}
