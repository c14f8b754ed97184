namespace Cartero.Features.Invoicing;

/// <summary>The buyer of an <see cref="InvoiceRequest"/>.</summary>
/// <param name="IdType">"ruc", "cedula", "pasaporte", "consumidor_final", "exterior" (or the SRI codes 04–08).</param>
/// <param name="Id">RUC, cédula, passport…; 9999999999999 for consumidor final.</param>
/// <param name="Name">Razón social or names and surnames.</param>
/// <param name="Email">Where the authorised invoice is mailed; without it the invoice is recorded as not sent.</param>
/// <param name="Address">Dirección, optional.</param>
/// <param name="CustomerId">The customer's id in the ERP (destinatario_id of the email).</param>
public sealed record InvoiceBuyer(string? IdType, string? Id, string? Name, string? Email, string? Address, string? CustomerId);
