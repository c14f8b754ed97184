namespace Cartero.Features.Logs;

/// <summary>
/// What happened to one recipient of an email: <c>kind</c> <c>para</c>, <c>cc</c> or <c>cco</c>; <c>outcome</c>
/// <c>aceptado</c>, <c>rechazado</c> (5xx, never delivered), <c>diferido</c> (4xx, attempts ran out), <c>pendiente</c>
/// (not sent yet, or deferred and to be retried) or <c>no_entregado</c> (the whole email failed or was cancelled).
/// </summary>
public sealed record EmailRecipientOutcomeDto(string Address, string Kind, string Outcome, int? Code, string? Detail);
