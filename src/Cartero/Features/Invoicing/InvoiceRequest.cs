namespace Cartero.Features.Invoicing;

/// <summary>
/// Body of <c>POST /api/v1/invoices</c>: a sale the ERP or the POS has closed. The issuer, ambiente and secuencial
/// come from the invoicing settings, never from the caller; the caller may name a registered establecimiento and punto.
/// </summary>
public sealed record InvoiceRequest
{
    /// <summary>The buyer; omit for consumidor final.</summary>
    public InvoiceBuyer? Buyer { get; init; }
    /// <summary>Fecha de emisión (Ecuador); today when omitted.</summary>
    public DateOnly? IssueDate { get; init; }
    public IReadOnlyList<InvoiceLine>? Lines { get; init; }
    /// <summary>Payments; when omitted, one payment of the whole total with <see cref="PaymentMethod"/>.</summary>
    public IReadOnlyList<InvoicePayment>? Payments { get; init; }
    /// <summary>SRI forma de pago code used when <see cref="Payments"/> is omitted ("01", "16", "19", "20"…); "20" by default.</summary>
    public string? PaymentMethod { get; init; }
    public decimal? Tip { get; init; }
    /// <summary>Extra infoAdicional fields (name → value); the buyer's email is added as "Email".</summary>
    public IReadOnlyDictionary<string, string>? AdditionalInfo { get; init; }
    /// <summary>The ERP's id of the sale, to find the invoice again.</summary>
    public string? Reference { get; init; }
    /// <summary>Same key and same body returns the same invoice; same key with another body is a conflict.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>Establecimiento (3 digits) the sale is issued from, with <see cref="EmissionPoint"/>; both omitted = the settings' default.</summary>
    public string? Establishment { get; init; }
    /// <summary>Punto de emisión (3 digits) within <see cref="Establishment"/>; it has its own secuencial.</summary>
    public string? EmissionPoint { get; init; }
}
