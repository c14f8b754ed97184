namespace Cartero.Features.Retention;

/// <summary>The term in force for one email type, and whether it is the default.</summary>
public sealed record RetentionTermView(string Type, int Days, bool IsDefault, DateTime? UpdatedAt, string? UpdatedBy);
