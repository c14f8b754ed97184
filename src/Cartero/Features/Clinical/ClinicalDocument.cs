namespace Cartero.Features.Clinical;

/// <summary>
/// A clinical document of a patient (<c>documento_clinico</c>): a prescription (its data) or an uploaded PDF. The
/// content is stored only encrypted (<see cref="ProtectedContent"/>, bound to this row); the row itself says only the
/// kind, the patient, who made it and when, and the last email that carried it.
/// </summary>
public sealed class ClinicalDocument
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>One of <see cref="ClinicalDocumentKinds"/>.</summary>
    public required string Kind { get; set; }
    /// <summary>Encrypted: the prescription as JSON, or the uploaded PDF as base64.</summary>
    public required string ProtectedContent { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The optometrist's user name.</summary>
    public required string CreatedBy { get; set; }
    /// <summary>The last <c>notificacion_clinica</c> email that carried this document.</summary>
    public Guid? EmailId { get; set; }
    /// <summary>When it was voided (anulado); a voided document stays stored (legal retention) and is never sent again.</summary>
    public DateTime? VoidedAt { get; set; }
    /// <summary>Who voided it: the optometrist who made it or an admin.</summary>
    public string? VoidedBy { get; set; }
    /// <summary>Why, as typed by that person.</summary>
    public string? VoidReason { get; set; }
}
