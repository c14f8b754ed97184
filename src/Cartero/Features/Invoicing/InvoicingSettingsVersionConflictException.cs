namespace Cartero.Features.Invoicing;

/// <summary>Someone saved the invoicing settings after the caller read them; the message says to reload, in Spanish.</summary>
public sealed class InvoicingSettingsVersionConflictException(string message, Exception? inner = null) : Exception(message, inner);
