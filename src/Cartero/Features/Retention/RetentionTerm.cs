namespace Cartero.Features.Retention;

/// <summary>One row of <c>retencion_contenido</c>: how long the content of one email type is kept, as an admin set it.</summary>
public sealed class RetentionTerm
{
    public required string Type { get; set; }
    public int Days { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
