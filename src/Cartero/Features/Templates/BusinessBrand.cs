using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Templates;

/// <summary>
/// The business name ("Óptica …") the panel's header and every email's <c>empresa</c> variable show: what an admin
/// typed in the panel (<c>ajuste_panel</c>, key <c>marca</c>, audited), else <c>Cartero:Marca:Nombre</c>.
/// Read through a short cache so a change made on another instance shows within seconds and no render waits on
/// the database.
/// </summary>
public sealed partial class BusinessBrand(IServiceScopeFactory scopes, IOptions<TemplateBranding> defaults, IMemoryCache cache, TimeProvider time, ILogger<BusinessBrand> log)
{
    public const string SettingKey = "marca";
    public const int MaxLength = 120;
    private const string CacheKey = "cartero.marca";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    /// <summary>The configured default, shown when no admin has set a name in the panel.</summary>
    public string Default => defaults.Value.Nombre;

    /// <summary>The name now (synchronous for the template renderer; the database is read at most every few seconds).</summary>
    public string Name => cache.GetOrCreate(CacheKey, entry =>
    {
        entry.AbsoluteExpirationRelativeToNow = CacheFor;
        return Read();
    }) ?? Default;

    /// <summary>The name an admin stored, or null when none is.</summary>
    public async Task<string?> StoredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        return await db.PanelSettings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores the name (audited as <c>cambiar_marca</c> with before and after); returns a Spanish error instead when it is not usable.</summary>
    public async Task<string?> SetAsync(string? name, string actor, string? ip, CancellationToken cancellationToken)
    {
        var chosen = (name ?? "").Trim();
        if (chosen.Length == 0)
        {
            return "Escriba el nombre del negocio, por ejemplo «Óptica Visión Clara».";
        }

        if (chosen.Length > MaxLength)
        {
            return $"El nombre tiene {chosen.Length} caracteres; el máximo es {MaxLength}.";
        }

        if (chosen.Any(char.IsControl))
        {
            return "El nombre no puede tener saltos de línea ni caracteres de control.";
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        var setting = await db.PanelSettings.SingleOrDefaultAsync(s => s.Key == SettingKey, cancellationToken);
        var before = setting?.Value ?? Default;
        if (setting is null)
        {
            setting = new PanelSetting { Key = SettingKey };
            db.PanelSettings.Add(setting);
        }

        setting.Value = chosen;
        setting.UpdatedAt = time.GetUtcNow().UtcDateTime;
        setting.UpdatedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
        await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(
            AuditRecord.Of(actor, ip, AuditAction.ChangeBrand, "panel", new ChangeBrandDetails(before, chosen)), cancellationToken);
        return null;
    }

    private string Read()
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
            var stored = db.PanelSettings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).SingleOrDefault();
            return string.IsNullOrWhiteSpace(stored) ? Default : stored;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or StorageUnavailableException)
        {
            // A mail rendered while the database is out still gets a name; the next read tries again.
            LogUnavailable(log, ex);
            return Default;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No se pudo leer el nombre del negocio; se usa el configurado por omisión")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
