using System.Text.Json;
using Cartero.Features.Accounts;
using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Privacy;

/// <summary>
/// Every email sent to the person (<c>log_envio_correo</c> with its events) and, where it is still kept, what it said.
/// A mail counts as theirs when it names this customer as recipient, or went to one of their addresses without naming
/// somebody else. Never included: the body of a password-recovery mail (it carried a link), the body of clinical mail
/// (its own section decides, under its own rules), copies and blind copies (other people's addresses), staff names.
/// </summary>
internal sealed class EmailSection(CarteroDbContext db) : IPersonalDataSection
{
    private const int PageSize = 100;

    /// <summary>Types whose rendered content never leaves this section.</summary>
    private static readonly HashSet<string> ContentWithheld = new(StringComparer.Ordinal) { EmailTypes.PasswordRecovery, "notificacion_clinica" };

    public string Key => "correos";

    public string Title => "Correos que le enviamos";

    public async Task WriteJsonAsync(DataSubject subject, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        await foreach (var (email, hasContent, events) in PagesAsync(subject, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("id", email.Id);
            json.WriteString("fecha_hora", EcuadorTime.IsoWithOffset(email.RequestedAt));
            json.WriteString("tipo_correo", email.Type);
            json.WriteString("asunto", email.Subject);
            json.WriteString("correo_destino", email.ToAddress);
            json.WriteString("nombre_destino", email.ToName);
            json.WriteString("estado", email.Status.ToCode());
            json.WriteString("origen", email.Origin);
            json.WriteString("entidad_tipo", email.EntityType);
            json.WriteString("entidad_id", email.EntityId);
            json.WriteNumber("intentos", email.Attempts);
            json.WriteString("contenido", ContentNote(email, hasContent));
            json.WriteStartArray("adjuntos");
            foreach (var a in email.Attachments)
            {
                json.WriteStartObject();
                json.WriteString("nombre", a.FileName);
                json.WriteString("tipo", a.ContentType);
                json.WriteNumber("tamano_bytes", a.Size);
                json.WriteString("sha256", a.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("eventos");
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteString("fecha_hora", EcuadorTime.IsoWithOffset(e.OccurredAt));
                json.WriteString("estado", e.Status.ToCode());
                json.WriteString("estado_anterior", e.PreviousStatus?.ToCode());
                json.WriteString("tipo", e.Kind);
                if (e.Code is { } code)
                {
                    json.WriteNumber("codigo", code);
                }

                json.WriteString("proveedor", e.Provider);
                json.WriteString("destinatario", e.Recipient);
                json.WriteString("detalle", e.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
        }

        json.WriteEndArray();
    }

    public async Task WriteSummaryAsync(DataSubject subject, SummaryWriter html, CancellationToken cancellationToken)
    {
        var any = false;
        await foreach (var (email, hasContent, events) in PagesAsync(subject, cancellationToken))
        {
            if (!any)
            {
                await html.TableStartAsync("Fecha", "Tipo", "Asunto", "Enviado a", "Estado", "Historia", "Contenido");
                any = true;
            }

            var history = string.Join(" · ", events.Where(e => e.Kind is null && e.Recipient is null).Select(e => $"{SummaryWriter.Date(e.OccurredAt)} {e.Status.ToCode()}"));
            await html.RowAsync(SummaryWriter.Date(email.RequestedAt), email.Type, email.Subject, email.ToAddress, email.Status.ToCode(), history, ContentNote(email, hasContent));
        }

        if (any)
        {
            await html.TableEndAsync();
        }
        else
        {
            await html.ParagraphAsync("No le hemos enviado correos.");
        }
    }

    public async Task WriteFilesAsync(DataSubject subject, ExportFiles files, CancellationToken cancellationToken)
    {
        await foreach (var (email, hasContent, _) in PagesAsync(subject, cancellationToken))
        {
            if (!Included(email, hasContent))
            {
                continue;
            }

            var content = await db.EmailContents.AsNoTracking().Where(c => c.EmailId == email.Id).Select(c => new { c.Html, c.Text }).SingleOrDefaultAsync(cancellationToken);
            if (content?.Html is { } body)
            {
                await files.AddTextAsync($"correos/{email.Id}.html", body, cancellationToken);
            }

            if (content?.Text is { } text)
            {
                await files.AddTextAsync($"correos/{email.Id}.txt", text, cancellationToken);
            }
        }
    }

    private static bool Included(EmailLogEntry email, bool hasContent) =>
        hasContent && email.ContentPurgedAt is null && !ContentWithheld.Contains(email.Type);

    private static string ContentNote(EmailLogEntry email, bool hasContent) => email switch
    {
        { Type: EmailTypes.PasswordRecovery } => "no se guarda (llevaba un enlace para su contraseña)",
        { Type: "notificacion_clinica" } => "documento clínico: no va en este archivo",
        { ContentPurgedAt: { } purged } => $"depurado el {SummaryWriter.Date(purged)} según el plazo de conservación",
        _ when !hasContent => "no se guarda",
        _ => $"incluido en la carpeta correos/ ({email.Id})",
    };

    private async IAsyncEnumerable<(EmailLogEntry Email, bool HasContent, IReadOnlyList<EmailLogEvent> Events)> PagesAsync(
        DataSubject subject, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = subject.CustomerKey;
        var userKey = subject.UserId?.ToString();
        var addresses = subject.Addresses.ToList();
        var mine = db.Emails.AsNoTracking().Where(e =>
            (e.RecipientKind == "cliente" && e.RecipientId == key) ||
            (addresses.Contains(e.ToAddress.ToLower()) && (e.RecipientId == null || e.RecipientId == key || e.RecipientId == userKey)));
        await foreach (var page in KeysetPages.ReadAsync(mine, e => e.Id, q => q, e => e.Id, PageSize, cancellationToken))
        {
            var ids = page.Select(e => e.Id).ToList();
            var hasContent = await db.EmailContents.AsNoTracking().Where(c => ids.Contains(c.EmailId) && (c.Html != null || c.Text != null))
                .Select(c => c.EmailId).ToListAsync(cancellationToken);
            var events = (await db.EmailEvents.AsNoTracking().Where(e => ids.Contains(e.EmailId)).OrderBy(e => e.Id).ToListAsync(cancellationToken))
                .ToLookup(e => e.EmailId);
            foreach (var email in page)
            {
                // An event about one recipient who is not this person (a copy) is somebody else's.
                var own = events[email.Id].Where(e => e.Recipient is null || addresses.Contains(e.Recipient.ToLowerInvariant())).ToList();
                yield return (email, hasContent.Contains(email.Id), own);
            }
        }
    }
}
