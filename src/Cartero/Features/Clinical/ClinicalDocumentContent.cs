using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Clinical;

/// <summary>
/// The encrypted content of <c>documento_clinico</c> (a prescription's data or an uploaded PDF), for <c>keys rotate</c>
/// and the start-up check: too large to load every row at once, so it is read a page of documents at a time.
/// </summary>
internal sealed class ClinicalDocumentContent : IPagedProtectedContent
{
    public string Name => $"{ClinicalDocuments.Table}.{ClinicalDocuments.Column}";

    public string Label => "contenido cifrado de un documento clínico";

    public string IfLost => "el documento no puede recuperarse: bórrelo de documento_clinico y vuelva a crear la receta o a subir el PDF desde la ficha del paciente.";

    public async Task<ProtectedPage> ReadPageAsync(CarteroDbContext db, Guid? after, int size, CancellationToken cancellationToken)
    {
        IQueryable<ClinicalDocument> query = db.ClinicalDocuments;
        if (after is { } last)
        {
            query = query.Where(d => d.Id.CompareTo(last) > 0);
        }

        var rows = await query.OrderBy(d => d.Id).Take(size).ToListAsync(cancellationToken);
        var values = rows.Select(d => new PagedValue(
            new SecretPurpose(ClinicalDocuments.Table, ClinicalDocuments.Column, d.Id.ToString()),
            d.ProtectedContent,
            (value, _) =>
            {
                d.ProtectedContent = value;
                return Task.FromResult<Action?>(null);
            })).ToList();
        return new ProtectedPage(values, rows.Count == size ? rows[^1].Id : null);
    }

    /// <summary>
    /// Asked of the database: per key id the ring holds, how many documents begin with its prefix and the first of them;
    /// only documents naming no such key (normally none) have their first characters read, to name the key they need.
    /// </summary>
    public async Task<IReadOnlyList<KeyIdUse>> KeyIdUsesAsync(CarteroDbContext db, IReadOnlyCollection<string> availableKeyIds, CancellationToken cancellationToken)
    {
        var uses = new List<KeyIdUse>();
        IQueryable<ClinicalDocument> others = db.ClinicalDocuments.AsNoTracking();
        foreach (var keyId in availableKeyIds.Order(StringComparer.Ordinal))
        {
            var prefix = SecretFormat.PrefixOf(keyId);
            var named = db.ClinicalDocuments.AsNoTracking().Where(d => d.ProtectedContent.StartsWith(prefix));
            if (await named.CountAsync(cancellationToken) is > 0 and var count)
            {
                uses.Add(new KeyIdUse(keyId, count, Sample(await named.OrderBy(d => d.Id).FirstAsync(cancellationToken))));
            }

            others = others.Where(d => !d.ProtectedContent.StartsWith(prefix));
        }

        var heads = await others.OrderBy(d => d.Id).Select(d => new { d.Id, Head = d.ProtectedContent.Substring(0, KeyIdScan.HeadLength) }).ToListAsync(cancellationToken);
        foreach (var group in heads.GroupBy(h => SecretFormat.KeyIdOf(h.Head) ?? "", StringComparer.Ordinal))
        {
            var firstId = group.First().Id;
            var first = await db.ClinicalDocuments.AsNoTracking().SingleAsync(d => d.Id == firstId, cancellationToken);
            uses.Add(new KeyIdUse(group.Key.Length == 0 ? null : group.Key, group.Count(), Sample(first)));
        }

        return uses;
    }

    private static PagedValue Sample(ClinicalDocument d) => new(
        new SecretPurpose(ClinicalDocuments.Table, ClinicalDocuments.Column, d.Id.ToString()),
        d.ProtectedContent,
        KeyIdScan.ReadOnlySample);
}
