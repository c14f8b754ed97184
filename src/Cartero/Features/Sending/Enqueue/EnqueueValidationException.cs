namespace Cartero.Features.Sending.Enqueue;

/// <summary>The request was refused before anything was stored; <see cref="Errors"/> names each bad field.</summary>
public sealed class EnqueueValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("La solicitud de envío tiene datos inválidos: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
