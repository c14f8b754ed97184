namespace Cartero.Features.Store;

/// <summary>Field-level problems (Spanish, saying what to do next); nothing was stored.</summary>
public sealed class StoreValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static StoreValidationException Of(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
