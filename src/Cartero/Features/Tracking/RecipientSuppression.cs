using Cartero.Features.Sending;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Tracking;

/// <summary>The worker's view of <c>lista_supresion</c>: one indexed query per claimed batch.</summary>
internal sealed class RecipientSuppression(CarteroDbContext db) : IRecipientSuppression
{
    public async Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        var wanted = addresses.Select(SuppressionList.Normalize).Distinct(StringComparer.Ordinal).ToList();
        return await db.Suppressions.AsNoTracking().Where(s => wanted.Contains(s.Address))
            .ToDictionaryAsync(s => s.Address, s => s.Reason, StringComparer.Ordinal, cancellationToken);
    }
}
