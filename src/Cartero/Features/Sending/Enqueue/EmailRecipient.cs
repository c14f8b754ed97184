namespace Cartero.Features.Sending.Enqueue;

/// <summary>An addressee: the address used, and who that is in the business (<c>cliente</c>, <c>empleado</c>, <c>externo</c>).</summary>
public sealed record EmailRecipient(string? Address, string? Name = null, string? Kind = null, string? Id = null);
