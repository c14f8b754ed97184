namespace Cartero.Features.Invoicing;

/// <summary>
/// What was asked of an invoice does not fit its state (a correction of an authorised invoice, an email for one the
/// SRI has not authorised yet): answered 409 with <see cref="Title"/> and the message, which says what to do.
/// </summary>
public sealed class InvoiceStateConflictException(string title, string message, InvoiceStatus status) : Exception(message)
{
    public string Title { get; } = title;
    public InvoiceStatus Status { get; } = status;
}
