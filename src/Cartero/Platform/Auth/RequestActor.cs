namespace Cartero.Platform.Auth;

/// <summary>Who is asking: a person, an API key or a process, and from which address.</summary>
/// <param name="Name">Recorded as <c>originado_por</c> and as the audit actor, e.g. <c>apikey:erp</c>.</param>
public sealed record RequestActor(string Name, string? Ip, bool IsAdmin);
