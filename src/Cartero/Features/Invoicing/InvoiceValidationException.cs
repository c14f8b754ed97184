namespace Cartero.Features.Invoicing;

/// <summary>The invoice request has problems, field by field; nothing was stored and no secuencial was taken.</summary>
public sealed class InvoiceValidationException(IDictionary<string, string[]> errors)
    : Exception("La factura tiene datos inválidos: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
