namespace Cartero.Features.Audit;

/// <summary>
/// What happened (one of the catalogue's <see cref="AuditAction"/>s), by whom and from where. Built with
/// <see cref="Of{TDetails}"/>, which ties the details to the action's type; <see cref="Details"/> is serialised to
/// JSON and must hold no secret.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>Untyped, for tests that fill the trail with arbitrary rows; production code uses <see cref="Of{TDetails}"/>.</summary>
    internal AuditRecord(string actor, string? actorIp, AuditAction action, string? target, object? details)
    {
        Actor = actor;
        ActorIp = actorIp;
        Action = action;
        Target = target;
        Details = details;
    }

    public string Actor { get; }

    public string? ActorIp { get; }

    public AuditAction Action { get; }

    public string? Target { get; }

    public object? Details { get; }

    public static AuditRecord Of<TDetails>(string actor, string? actorIp, AuditAction<TDetails> action, string? target, TDetails details)
        where TDetails : class =>
        new(actor, actorIp, action, target, details);

    /// <summary>An action that records no details.</summary>
    public static AuditRecord Of(string actor, string? actorIp, AuditAction<NoDetails> action, string? target) =>
        new(actor, actorIp, action, target, null);
}
