namespace Cartero.Features.Clinical;

/// <summary>
/// A patient's consent to receive clinical documents by email (<c>consentimiento_clinico</c>): when, by whom and how it
/// was recorded, and when and by whom it was withdrawn. Rows are never deleted: the history is the proof.
/// </summary>
public sealed class ClinicalConsent
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>One of <see cref="ConsentMethods"/>.</summary>
    public required string Method { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
}
