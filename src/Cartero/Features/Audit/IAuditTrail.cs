namespace Cartero.Features.Audit;

/// <summary>The append-only, hash-chained trail of configuration actions (<c>log_auditoria</c>).</summary>
public interface IAuditTrail
{
    /// <summary>Appends an entry and saves it. Callers that change other rows save them first, or pass them in the same scope's context.</summary>
    Task<AuditEntry> RecordAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Walks the whole chain and reports the first row whose hash or link does not hold.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);
}
