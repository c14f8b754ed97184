namespace Cartero.Features.Templates;

/// <summary>
/// The Liquid templates of each <c>tipo_correo</c>: an HTML part, a text part and a subject line.
/// Rendering is strict: a variable the template uses and the data lack is an error, never an empty gap.
/// </summary>
public interface IEmailTemplates
{
    /// <summary>The email types (<c>tipo_correo</c>) the system knows.</summary>
    IReadOnlyCollection<string> KnownTypes { get; }

    /// <summary>Whether a template called <paramref name="name"/> exists (built in or overridden).</summary>
    bool Exists(string name);

    /// <summary>
    /// Renders <paramref name="name"/> with <paramref name="data"/> (a JSON object from the request).
    /// Throws <see cref="TemplateRenderException"/> listing every missing variable or syntax error.
    /// </summary>
    RenderedEmail Render(string name, System.Text.Json.Nodes.JsonObject? data);
}
