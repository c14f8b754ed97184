namespace Cartero.Features.Sending.Enqueue;

/// <summary>The business object an email is about (<c>entidad_tipo</c> / <c>entidad_id</c>).</summary>
public sealed record EmailEntityRef(string? Type, string? Id);
