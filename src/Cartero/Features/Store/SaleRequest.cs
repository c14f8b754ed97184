namespace Cartero.Features.Store;

/// <summary>A sale as the counter finishes it.</summary>
/// <param name="CustomerId">Null for consumidor final.</param>
/// <param name="Payments">Omitted: one payment of the whole total with <paramref name="PaymentMethod"/> (01, efectivo, by default).</param>
/// <param name="SendMail">"Enviar comprobante por correo al cliente".</param>
/// <param name="MailAddress">The address to use; when it differs from the customer's and <paramref name="SaveAddress"/> is set, it is saved to the customer.</param>
/// <param name="AllowNegativeStock">The explicit override that lets stock go below zero (audited).</param>
public sealed record SaleRequest(
    Guid? CustomerId,
    IReadOnlyList<SaleLineRequest> Lines,
    IReadOnlyList<SalePaymentRequest>? Payments = null,
    bool SendMail = false,
    string? MailAddress = null,
    bool SaveAddress = false,
    bool AllowNegativeStock = false,
    string? PaymentMethod = null);
