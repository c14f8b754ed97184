namespace Cartero.Features.Invoicing;

/// <summary>
/// What the trip to the SRI needs of a comprobante, whatever its kind (factura, nota de crédito): the XML at each
/// stage, the state, the retry schedule, the lease and the mail. <see cref="InvoiceProcessor"/> works on this.
/// </summary>
public interface ISriDocument
{
    Guid Id { get; }
    InvoiceStatus Status { get; set; }
    string Environment { get; }
    string AccessKey { get; }
    /// <summary>Fecha de emisión: part of the clave, so it is checked against the SRI's window before signing.</summary>
    DateOnly IssueDate { get; }
    string GeneratedXml { get; }
    string? SignedXml { get; set; }
    string? AuthorizedXml { get; set; }
    string? AuthorizationNumber { get; set; }
    DateTime? AuthorizedAt { get; set; }
    int SriAttempts { get; set; }
    DateTime? NextAttemptAt { get; set; }
    string? LastError { get; set; }
    string MailStatus { get; set; }
    Guid? EmailId { get; set; }
    string? LeaseOwner { get; set; }
    DateTime? LeaseExpiresAt { get; set; }

    /// <summary>Número as printed: estab-ptoEmi-secuencial.</summary>
    string Number { get; }
}
