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

    private static SecretPurpose Purpose(EmailContent row, string column) => new(ProtectedContent.ContentTable, column, row.EmailId.ToString());

    private static Task<Action?> Set(Action write)
    {
        write();
        return Task.FromResult<Action?>(null);
    }
}
