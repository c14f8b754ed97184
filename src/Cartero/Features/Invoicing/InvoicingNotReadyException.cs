namespace Cartero.Features.Invoicing;

/// <summary>Invoices cannot be issued yet: the issuer, the certificate or the SRI schemas are missing. The message says what to do.</summary>
public sealed class InvoicingNotReadyException(string message) : Exception(message);
