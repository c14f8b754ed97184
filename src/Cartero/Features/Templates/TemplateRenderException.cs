namespace Cartero.Features.Templates;

/// <summary>A template could not be rendered; <see cref="Problems"/> names each missing variable or syntax error.</summary>
public sealed class TemplateRenderException(string template, IReadOnlyList<string> problems)
    : Exception($"La plantilla '{template}' no se pudo generar: {string.Join("; ", problems)}")
{
    public string Template { get; } = template;
    public IReadOnlyList<string> Problems { get; } = problems;
}
