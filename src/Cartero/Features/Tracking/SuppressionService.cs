using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Cartero.Features.Tracking;

/// <summary>What admins and support do with the suppression list: search, add, remove; every change is audited.</summary>
public sealed class SuppressionService(CarteroDbContext db, IAuditTrail audit, TimeProvider time)
{
    public const int MaxPage = 200;

    public async Task<List<SuppressionView>> SearchAsync(string? query, int limit, CancellationToken cancellationToken)
    {
        var rows = db.Suppressions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToLowerInvariant();
            rows = rows.Where(s => s.Address.Contains(q));
        }

        var list = await rows.OrderByDescending(s => s.AddedAt).ThenBy(s => s.Address)
            .Take(Math.Clamp(limit, 1, MaxPage)).ToListAsync(cancellationToken);
        return [.. list.Select(SuppressionView.From)];
    }

    /// <summary>Adds the address; returns the field errors when the request is invalid, or the existing entry when it is already there.</summary>
    public async Task<(SuppressionView? Entry, bool Created, Dictionary<string, string[]> Errors)> AddAsync(SuppressionRequest request, RequestActor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var address = request.Address?.Trim() ?? "";
        if (address.Length == 0 || address.Length > 320 || !MailboxAddress.TryParse(address, out var parsed) || parsed.Address != address || !address.Contains('@', StringComparison.Ordinal))
        {
            errors["address"] = ["Escriba una sola dirección de correo válida, por ejemplo cliente@correo.ec."];
        }

        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            errors["reason"] = ["Escriba el motivo (por ejemplo: el cliente pidió no recibir más correos)."];
        }
        else if (reason.Length > 1000)
        {
            errors["reason"] = ["El motivo admite hasta 1000 caracteres."];
        }

        if (errors.Count > 0)
        {
            return (null, false, errors);
        }

        var normalized = SuppressionList.Normalize(address);
        if (await db.Suppressions.AsNoTracking().FirstOrDefaultAsync(s => s.Address == normalized, cancellationToken) is { } existing)
        {
            return (SuppressionView.From(existing), false, errors);
        }

        var entry = new SuppressionEntry
        {
            Id = Guid.CreateVersion7(), Address = normalized, Reason = reason, SourceEvent = "manual",
            AddedAt = time.GetUtcNow().UtcDateTime, AddedBy = actor.Name,
        };
        db.Suppressions.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.AddSuppression, normalized, new AddSuppressionDetails(reason)), cancellationToken);
        return (SuppressionView.From(entry), true, errors);
    }

    /// <summary>Removes the address; false when it is not on the list.</summary>
    public async Task<bool> RemoveAsync(string address, RequestActor actor, CancellationToken cancellationToken)
    {
        var normalized = SuppressionList.Normalize(address);
        var entry = await db.Suppressions.FirstOrDefaultAsync(s => s.Address == normalized, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        db.Suppressions.Remove(entry);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.RemoveSuppression, normalized,
            new RemoveSuppressionDetails(entry.Reason, entry.SourceEvent)), cancellationToken);
        return true;
    }
}
