namespace Cartero.Features.Invoicing;

/// <summary>The address given to send an invoice to is not a valid email address; nothing was sent or changed.</summary>
public sealed class InvoiceAddressInvalidException(string field, string message) : Exception(message)
{
    /// <summary>The request field that holds the address.</summary>
    public string Field { get; } = field;
}
