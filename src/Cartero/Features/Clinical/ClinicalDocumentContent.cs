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
}
