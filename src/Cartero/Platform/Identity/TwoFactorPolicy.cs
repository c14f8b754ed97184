using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Cartero.Platform.Identity;

/// <summary>
/// Which roles must use the second factor: those an admin ticked in the panel plus those fixed by
/// <c>Cartero:Panel:RequireTwoFactorFor</c> (which the panel shows but cannot untick).
/// </summary>
public sealed class TwoFactorPolicy(CarteroDbContext db, IConfiguration configuration, IMemoryCache cache, IAuditTrail audit, TimeProvider time)
{
    public const string SettingKey = "doble_factor_obligatorio";

    /// <summary>Roles that can be asked for a second factor; customers sign in to read their own mail only.</summary>
    public static readonly IReadOnlyList<string> EligibleRoles =
        [CarteroRoles.Admin, CarteroRoles.Soporte, CarteroRoles.Gerente, CarteroRoles.Vendedor, CarteroRoles.Optometrista];

    // Short enough that a change made on another instance applies within seconds, long enough that no page
    // load reads the table.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    public IReadOnlySet<string> ConfiguredRoles => Split(configuration["Cartero:Panel:RequireTwoFactorFor"]);

    public async Task<IReadOnlySet<string>> PanelRolesAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(SettingKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var value = await db.PanelSettings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value)
                .SingleOrDefaultAsync(cancellationToken);
            return Split(value);
        }) ?? new HashSet<string>();

    public async Task<IReadOnlySet<string>> RequiredRolesAsync(CancellationToken cancellationToken)
    {
        var roles = new HashSet<string>(ConfiguredRoles, StringComparer.Ordinal);
        roles.UnionWith(await PanelRolesAsync(cancellationToken));
        return roles;
    }

    public async Task<bool> IsRequiredForAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await RequiredRolesAsync(cancellationToken)).Any(user.IsInRole);

    /// <summary>Stores the roles an admin ticked and records the change in the audit trail.</summary>
    public async Task SetPanelRolesAsync(IEnumerable<string> roles, string actor, string? ip, CancellationToken cancellationToken)
    {
        var chosen = roles.Where(EligibleRoles.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        var before = await PanelRolesAsync(cancellationToken);
        var setting = await db.PanelSettings.SingleOrDefaultAsync(s => s.Key == SettingKey, cancellationToken);
        if (setting is null)
        {
            setting = new PanelSetting { Key = SettingKey };
            db.PanelSettings.Add(setting);
        }

        setting.Value = string.Join(',', chosen);
        setting.UpdatedAt = time.GetUtcNow().UtcDateTime;
        setting.UpdatedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(SettingKey);
        await audit.RecordAsync(AuditRecord.Of(actor, ip, AuditAction.RequireTwoFactor, "panel",
            new TwoFactorPolicyDetails(before.Order(StringComparer.Ordinal).ToList(), chosen)), cancellationToken);
    }

    private static HashSet<string> Split(string? roles) =>
        string.IsNullOrWhiteSpace(roles)
            ? []
            : roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
