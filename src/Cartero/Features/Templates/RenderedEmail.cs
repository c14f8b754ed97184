namespace Cartero.Features.Templates;

/// <summary>The output of a template: subject, HTML part and text part.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text);
