namespace Cartero.Features.Tracking.Proof;

/// <summary>For invoice mail: the comprobante's clave de acceso and the SHA-256 of the authorised XML (UTF-8 bytes).</summary>
public sealed record ProofInvoice(Guid InvoiceId, string Number, string ClaveDeAcceso, string? NumeroAutorizacion, DateTime? AuthorizedAt, string? AuthorizedXmlSha256);
