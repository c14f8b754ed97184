namespace Cartero.Features.Audit;

/// <summary>
/// An action whose <c>detalle</c> has the shape <typeparamref name="TDetails"/>: <see cref="AuditRecord.Of{TDetails}"/>
/// only takes that type for it, so a call site cannot store the wrong shape.
/// </summary>
public sealed class AuditAction<TDetails> : AuditAction
    where TDetails : class
{
    internal AuditAction(string code, string? wording = null)
        : base(code, wording)
    {
    }
}
