using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Sending;

/// <summary>
/// The encrypted body (<c>html</c> and <c>texto</c> of <c>log_envio_correo_contenido</c>) of the protected mail types,
/// for <c>keys rotate</c> and the start-up check; a page of emails at a time. Purged content (no row, or null) is skipped.
/// </summary>
internal sealed class ProtectedMailBody : IPagedProtectedContent
{
    public string Name => $"{ProtectedContent.ContentTable}.{ProtectedContent.HtmlColumn}+{ProtectedContent.TextColumn}[notificacion_clinica]";

    public string Label => "cuerpo cifrado de un correo clínico";

    public string IfLost => "el cuerpo no puede recuperarse; el registro y sus eventos siguen siendo válidos. Borre esa fila de log_envio_correo_contenido y, si el correo no se envió, cancélelo y vuelva a enviar el documento desde la ficha del paciente.";

    public async Task<ProtectedPage> ReadPageAsync(CarteroDbContext db, Guid? after, int size, CancellationToken cancellationToken)
    {
        var types = ProtectedContent.ProtectedTypes;
        var query = db.EmailContents.Where(c => db.Emails.Any(e => e.Id == c.EmailId && types.Contains(e.Type)));
        if (after is { } last)
        {
            query = query.Where(c => c.EmailId.CompareTo(last) > 0);
        }

        var rows = await query.OrderBy(c => c.EmailId).Take(size).ToListAsync(cancellationToken);
        var values = new List<PagedValue>();
        foreach (var row in rows)
        {
            if (row.Html is { } html)
            {
                values.Add(new PagedValue(Purpose(row, ProtectedContent.HtmlColumn), html, (v, _) => Set(() => row.Html = v)));
            }

            if (row.Text is { } text)
            {
                values.Add(new PagedValue(Purpose(row, ProtectedContent.TextColumn), text, (v, _) => Set(() => row.Text = v)));
            }
        }

        return new ProtectedPage(values, rows.Count == size ? rows[^1].EmailId : null);
    }

    /// <summary>
    /// Counted in the database by each key id's prefix, as the clinical documents are: the start-up check then loads one
    /// body per key id (its sample) instead of every clinical body. Values that name no key of the ring are read as heads only.
    /// </summary>
    public async Task<IReadOnlyList<KeyIdUse>> KeyIdUsesAsync(CarteroDbContext db, IReadOnlyCollection<string> availableKeyIds, CancellationToken cancellationToken)
    {
        var types = ProtectedContent.ProtectedTypes;
        var contents = db.EmailContents.AsNoTracking().Where(c => db.Emails.Any(e => e.Id == c.EmailId && types.Contains(e.Type)));
        var otherHtml = contents.Where(c => c.Html != null);
        var otherText = contents.Where(c => c.Text != null);
        var uses = new List<KeyIdUse>();
        foreach (var keyId in availableKeyIds.Order(StringComparer.Ordinal))
        {
            var prefix = SecretFormat.PrefixOf(keyId);
            var html = contents.Where(c => c.Html!.StartsWith(prefix));
            var text = contents.Where(c => c.Text!.StartsWith(prefix));
            var count = await html.CountAsync(cancellationToken) + await text.CountAsync(cancellationToken);
            if (count > 0)
            {
                var firstHtml = await html.OrderBy(c => c.EmailId).Select(c => (Guid?)c.EmailId).FirstOrDefaultAsync(cancellationToken);
                var firstText = await text.OrderBy(c => c.EmailId).Select(c => (Guid?)c.EmailId).FirstOrDefaultAsync(cancellationToken);
                // Row order, the html before the text of the same row: the value the page scan would have met first.
                var useHtml = firstText is null || (firstHtml is { } h && h.CompareTo(firstText.Value) <= 0);
                uses.Add(new KeyIdUse(keyId, count, await SampleAsync(db, useHtml ? firstHtml!.Value : firstText!.Value, useHtml, cancellationToken)));
            }

            otherHtml = otherHtml.Where(c => !c.Html!.StartsWith(prefix));
            otherText = otherText.Where(c => !c.Text!.StartsWith(prefix));
        }

        var heads = (await otherHtml.Select(c => new { c.EmailId, Html = true, Head = c.Html!.Substring(0, KeyIdScan.HeadLength) }).ToListAsync(cancellationToken))
            .Concat(await otherText.Select(c => new { c.EmailId, Html = false, Head = c.Text!.Substring(0, KeyIdScan.HeadLength) }).ToListAsync(cancellationToken))
            .OrderBy(h => h.EmailId).ThenBy(h => !h.Html);
        foreach (var group in heads.GroupBy(h => SecretFormat.KeyIdOf(h.Head) ?? "", StringComparer.Ordinal))
        {
            var first = group.First();
            uses.Add(new KeyIdUse(group.Key.Length == 0 ? null : group.Key, group.Count(), await SampleAsync(db, first.EmailId, first.Html, cancellationToken)));
        }

        return uses;
    }

    private static async Task<PagedValue> SampleAsync(CarteroDbContext db, Guid emailId, bool html, CancellationToken cancellationToken)
    {
        var column = html ? ProtectedContent.HtmlColumn : ProtectedContent.TextColumn;
        var row = await db.EmailContents.AsNoTracking().SingleAsync(c => c.EmailId == emailId, cancellationToken);
        return new PagedValue(Purpose(row, column), (html ? row.Html : row.Text)!, KeyIdScan.ReadOnlySample);
    }

    private static SecretPurpose Purpose(EmailContent row, string column) => new(ProtectedContent.ContentTable, column, row.EmailId.ToString());

    private static Task<Action?> Set(Action write)
    {
        write();
        return Task.FromResult<Action?>(null);
    }
}
