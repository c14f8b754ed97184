namespace Cartero.Features.Invoicing;

/// <summary>The idempotency key already names another invoice, submitted with a different body.</summary>
public sealed class InvoiceIdempotencyConflictException(string key, Guid existingId)
    : Exception($"La clave de idempotencia «{key}» ya se usó para otra factura ({existingId}) con datos distintos; use una clave nueva para una venta nueva.")
{
    public Guid ExistingId { get; } = existingId;
}
