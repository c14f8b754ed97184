using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Templates;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Retention;

/// <summary>Terms per email type and legal holds, as admins set them; every change is audited.</summary>
public sealed class RetentionSettings(CarteroDbContext db, IEmailTemplates templates, IAuditTrail audit, TimeProvider time)
{
    /// <summary>The term of every known type (and of any type that has a stored term), in type order.</summary>
    public async Task<IReadOnlyList<RetentionTermView>> TermsAsync(CancellationToken cancellationToken)
    {
        var stored = await db.RetentionTerms.AsNoTracking().ToDictionaryAsync(t => t.Type, StringComparer.Ordinal, cancellationToken);
        return templates.KnownTypes.Union(stored.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(type => stored.TryGetValue(type, out var t)
                ? new RetentionTermView(type, t.Days, false, t.UpdatedAt, t.UpdatedBy)
                : new RetentionTermView(type, RetentionDefaults.For(type), true, null, null))
            .ToList();
    }

    public async Task SetTermAsync(string type, int days, RequestActor actor, CancellationToken cancellationToken)
    {
        if (!templates.KnownTypes.Contains(type))
        {
            throw new RetentionValidationException("tipo", $"Tipo de correo desconocido «{type}».");
        }

        if (days is < 0 or > RetentionDefaults.MaxDays)
        {
            throw new RetentionValidationException("dias", $"Indique entre 0 y {RetentionDefaults.MaxDays} días (0: el contenido se depura en cuanto el correo deja de estar pendiente).");
        }

        var row = await db.RetentionTerms.FirstOrDefaultAsync(t => t.Type == type, cancellationToken);
        var before = row?.Days ?? RetentionDefaults.For(type);
        if (row is null)
        {
            row = new RetentionTerm { Type = type, UpdatedBy = actor.Name };
            db.RetentionTerms.Add(row);
        }

        row.Days = days;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ChangeRetention, type, new ChangeRetentionDetails(type, new RetentionDaysChange(before, days))), cancellationToken);
    }

    public async Task<IReadOnlyList<LegalHold>> ActiveHoldsAsync(CancellationToken cancellationToken) =>
        await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null).OrderBy(h => h.PlacedAt).ToListAsync(cancellationToken);

    public async Task<LegalHold> PlaceHoldAsync(string? entityType, string? entityId, string? reason, RequestActor actor, CancellationToken cancellationToken)
    {
        entityType = entityType?.Trim();
        entityId = entityId?.Trim();
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(entityType) || entityType.Length > 64)
        {
            throw new RetentionValidationException("entidadTipo", "Indique el tipo de entidad (por ejemplo factura, venta o cliente), hasta 64 caracteres.");
        }

        if (string.IsNullOrEmpty(entityId) || entityId.Length > 200)
        {
            throw new RetentionValidationException("entidadId", "Indique el id de la entidad, hasta 200 caracteres.");
        }

        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            throw new RetentionValidationException("motivo", "Indique el motivo de la retención (por ejemplo el número del proceso), hasta 500 caracteres.");
        }

        if (await db.LegalHolds.AnyAsync(h => h.ReleasedAt == null && h.EntityType == entityType && h.EntityId == entityId, cancellationToken))
        {
            throw new RetentionValidationException("entidadId", $"{entityType} {entityId} ya tiene una retención legal activa.");
        }

        var hold = new LegalHold
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), EntityType = entityType, EntityId = entityId, Reason = reason,
            PlacedAt = time.GetUtcNow().UtcDateTime, PlacedBy = actor.Name,
        };
        db.LegalHolds.Add(hold);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.PlaceLegalHold, $"{entityType} {entityId}",
            new LegalHoldDetails(entityType, entityId, reason)), cancellationToken);
        return hold;
    }

    /// <returns>False when there is no active hold with this id.</returns>
    public async Task<bool> ReleaseHoldAsync(Guid id, RequestActor actor, CancellationToken cancellationToken)
    {
        if (await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == id && h.ReleasedAt == null, cancellationToken) is not { } hold)
        {
            return false;
        }

        hold.ReleasedAt = time.GetUtcNow().UtcDateTime;
        hold.ReleasedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.LiftLegalHold, $"{hold.EntityType} {hold.EntityId}",
            new LegalHoldDetails(hold.EntityType, hold.EntityId, hold.Reason)), cancellationToken);
        return true;
    }
}
