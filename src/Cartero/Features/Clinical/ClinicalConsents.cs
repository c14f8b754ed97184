using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Clinical;

/// <summary>Records and withdraws a patient's consent to receive clinical documents by email; both are audited.</summary>
public sealed class ClinicalConsents(CarteroDbContext db, IAuditTrail audit, TimeProvider time)
{
    /// <summary>The consent in force (recorded and not withdrawn), if any.</summary>
    public Task<ClinicalConsent?> CurrentAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.ClinicalConsents.AsNoTracking().Where(c => c.CustomerId == customerId && c.WithdrawnAt == null)
            .OrderByDescending(c => c.RecordedAt).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ClinicalConsent>> HistoryAsync(Guid customerId, CancellationToken cancellationToken) =>
        await db.ClinicalConsents.AsNoTracking().Where(c => c.CustomerId == customerId).OrderByDescending(c => c.RecordedAt).ToListAsync(cancellationToken);

    /// <exception cref="ClinicalValidationException">Unknown method or patient, or a consent already in force.</exception>
    public async Task<ClinicalConsent> RecordAsync(Guid customerId, string? method, RequestActor actor, CancellationToken cancellationToken)
    {
        if (method is null || !ConsentMethods.All.Contains(method))
        {
            throw ClinicalValidationException.Of("medio", "Elija cómo dio el paciente su consentimiento: formulario firmado o verbal en el mostrador.");
        }

        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw ClinicalValidationException.Of("medio", "No existe ese paciente; búsquelo de nuevo en la lista.");
        }

        if (await CurrentAsync(customerId, cancellationToken) is not null)
        {
            throw ClinicalValidationException.Of("medio", "El paciente ya tiene un consentimiento vigente; no hace falta registrarlo otra vez.");
        }

        var now = time.GetUtcNow();
        var consent = new ClinicalConsent
        {
            Id = Guid.CreateVersion7(now), CustomerId = customerId, Method = method, RecordedAt = now.UtcDateTime, RecordedBy = actor.Name,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ClinicalConsents.Add(consent);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.RecordClinicalConsent, $"cliente:{customerId}", new RecordClinicalConsentDetails(method, consent.Id)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return consent;
    }

    /// <returns>False when there was no consent in force.</returns>
    public async Task<bool> WithdrawAsync(Guid customerId, RequestActor actor, CancellationToken cancellationToken)
    {
        var current = await db.ClinicalConsents.Where(c => c.CustomerId == customerId && c.WithdrawnAt == null).ToListAsync(cancellationToken);
        if (current.Count == 0)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var consent in current)
        {
            consent.WithdrawnAt = now;
            consent.WithdrawnBy = actor.Name;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.WithdrawClinicalConsent, $"cliente:{customerId}", new WithdrawClinicalConsentDetails(current.Select(c => c.Id))), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }
}
