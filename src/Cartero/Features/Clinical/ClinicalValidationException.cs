namespace Cartero.Features.Clinical;

/// <summary>Field-level problems in Spanish, saying what to do next; nothing was stored.</summary>
public sealed class ClinicalValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Hay datos del documento clínico por corregir.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ClinicalValidationException Of(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
