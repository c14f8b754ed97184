using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Tracking;

/// <summary>Reads and changes <c>configuracion_seguimiento</c>; every change is audited with before and after.</summary>
public sealed class TrackingSettingsService(CarteroDbContext db, IAuditTrail audit, TimeProvider time)
{
    public async Task<TrackingSettings> LoadAsync(CancellationToken cancellationToken) =>
        await db.TrackingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == TrackingSettings.SingletonId, cancellationToken) ?? new TrackingSettings();

    public async Task<TrackingSettingsView> GetAsync(CancellationToken cancellationToken) => View(await LoadAsync(cancellationToken));

    public static TrackingSettingsView View(TrackingSettings s) => new(s.SendGridWebhookEnabled, s.SendGridPublicKey, s.SendGridToleranceSeconds,
        s.PixelEnabled, OffTypes(s), s.UpdatedAt, s.UpdatedBy);

    public static IReadOnlyList<string> OffTypes(TrackingSettings s) =>
        [.. s.PixelOffTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public async Task<(TrackingSettingsView? View, Dictionary<string, string[]> Errors)> UpdateAsync(TrackingSettingsUpdate update, RequestActor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var row = await db.TrackingSettings.FirstOrDefaultAsync(s => s.Id == TrackingSettings.SingletonId, cancellationToken);
        var before = row is null ? new TrackingSettings() : Copy(row);
        row ??= db.TrackingSettings.Add(new TrackingSettings()).Entity;

        if (update.SendGridPublicKey is { } key)
        {
            var trimmed = key.Trim();
            if (trimmed.Length == 0)
            {
                row.SendGridPublicKey = null;
            }
            else if (trimmed.Length > 1000 || SendGridSignature.ValidatePublicKey(trimmed) is { } problem)
            {
                errors["sendGridPublicKey"] = [trimmed.Length > 1000 ? "La clave admite hasta 1000 caracteres." : SendGridSignature.ValidatePublicKey(trimmed)!];
            }
            else
            {
                row.SendGridPublicKey = trimmed;
            }
        }

        if (update.SendGridToleranceSeconds is { } tolerance)
        {
            if (tolerance is < 30 or > 86400)
            {
                errors["sendGridToleranceSeconds"] = ["La tolerancia va de 30 a 86400 segundos (5 minutos = 300)."];
            }
            else
            {
                row.SendGridToleranceSeconds = tolerance;
            }
        }

        if (update.SendGridWebhookEnabled is { } enabled)
        {
            row.SendGridWebhookEnabled = enabled;
        }

        if (row.SendGridWebhookEnabled && row.SendGridPublicKey is null && !errors.ContainsKey("sendGridPublicKey"))
        {
            errors["sendGridPublicKey"] = ["Para activar el webhook de SendGrid pegue su clave de verificación (Mail Settings → Signed Event Webhook)."];
        }

        if (update.PixelEnabled is { } pixel)
        {
            row.PixelEnabled = pixel;
        }

        if (update.PixelOffTypes is { } types)
        {
            var clean = types.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (clean.Any(t => t.Length > 64 || t.Contains(',', StringComparison.Ordinal)))
            {
                errors["pixelOffTypes"] = ["Cada tipo de correo es un código de hasta 64 caracteres sin comas, por ejemplo notificacion_clinica."];
            }
            else
            {
                row.PixelOffTypes = string.Join(',', clean);
            }
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return (null, errors);
        }

        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.ChangeTrackingSettings, "seguimiento", new TrackingSettingsChangeDetails(Audited(before), Audited(row))), cancellationToken);
        return (View(row), errors);
    }

    private static TrackingSettingsSnapshot Audited(TrackingSettings s) => new(
        s.SendGridWebhookEnabled,
        s.SendGridPublicKey is null ? "no configurada" : $"…{s.SendGridPublicKey[^Math.Min(8, s.SendGridPublicKey.Length)..]}",
        s.SendGridToleranceSeconds,
        s.PixelEnabled,
        s.PixelOffTypes);

    private static TrackingSettings Copy(TrackingSettings s) => new()
    {
        SendGridWebhookEnabled = s.SendGridWebhookEnabled, SendGridPublicKey = s.SendGridPublicKey, SendGridToleranceSeconds = s.SendGridToleranceSeconds,
        PixelEnabled = s.PixelEnabled, PixelOffTypes = s.PixelOffTypes,
    };
}
