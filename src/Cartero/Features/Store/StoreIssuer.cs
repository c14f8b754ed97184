using Cartero.Features.Templates;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Store;

/// <summary>
/// Who issues the store's receipts: the invoicing settings once they name the issuer; before that, the brand an admin
/// set in the panel (<see cref="BusinessBrand"/>), and only without one <c>Cartero:Store:BusinessName</c>.
/// </summary>
public sealed class StoreIssuer(CarteroDbContext db, BusinessBrand brand, IOptions<StoreOptions> options)
{
    public async Task<(string Name, string Ruc)> ResolveAsync(CancellationToken cancellationToken)
    {
        var s = await db.InvoicingSettings.AsNoTracking().OrderBy(x => x.Id).Select(x => new { x.BusinessName, x.Ruc }).FirstOrDefaultAsync(cancellationToken);
        // The invoicing row exists (empty) before set-up; an empty issuer name would print a blank receipt header.
        var name = s is not null && !string.IsNullOrWhiteSpace(s.BusinessName) ? s.BusinessName : await BusinessNameAsync(cancellationToken);
        var ruc = s is not null && !string.IsNullOrWhiteSpace(s.Ruc) ? s.Ruc : options.Value.Ruc;
        return (name, ruc);
    }

    /// <summary>The store's own name: the panel's brand setting when set, else <c>Cartero:Store:BusinessName</c>.</summary>
    public async Task<string> BusinessNameAsync(CancellationToken cancellationToken) =>
        await brand.StoredAsync(cancellationToken) is { } stored && !string.IsNullOrWhiteSpace(stored) ? stored : options.Value.BusinessName;
}
