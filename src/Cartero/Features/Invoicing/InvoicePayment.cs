namespace Cartero.Features.Invoicing;

/// <summary>A payment of an <see cref="InvoiceRequest"/>.</summary>
/// <param name="Method">SRI forma de pago code: 01, 15–21.</param>
/// <param name="Total">Amount paid this way.</param>
/// <param name="Term">Plazo, optional.</param>
/// <param name="TimeUnit">Unidad de tiempo of the plazo ("dias", "meses").</param>
public sealed record InvoicePayment(string? Method, decimal? Total, decimal? Term, string? TimeUnit);
