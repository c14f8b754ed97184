using Cartero.Features.Accounts;
using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Archive;
using Cartero.Platform.Web;

namespace Cartero.Pages.Correos;

/// <summary>
/// What the detail page says about the kept copy of the last accepted attempt: a download when the archive holds it
/// (checked, so the link never leads to a 404), otherwise why there is none.
/// </summary>
/// <param name="Sha256">The hash on the attempt's event.</param>
/// <param name="RequestBody">True for SendGrid: the copy is the JSON request body Cartero POSTed, not MIME.</param>
/// <param name="Stored">Whether the archive holds bytes with that hash.</param>
/// <param name="WhyNot">When not stored: the reason, in words for the person reading.</param>
public sealed record SentMessageCopy(string Sha256, bool RequestBody, bool Stored, string? WhyNot)
{
    /// <summary>The copy of the last accepted attempt of <paramref name="email"/> (its events loaded), or null when nothing was accepted.</summary>
    public static SentMessageCopy? For(EmailLogEntry email, SentMessageArchive archive)
    {
        if (email.Events.Where(e => e.MessageSha256 is not null).MaxBy(e => e.Id) is not { } last)
        {
            return null;
        }

        var sha = last.MessageSha256!;
        var requestBody = SentMessage.IsRequestBody(last.Provider);
        var what = requestBody ? "La solicitud enviada a SendGrid" : "El .eml enviado";
        // Mail that is never kept, or whose content was purged, is answered without reading the archive.
        var why = email.ContentPurgedAt is { } purgedAt
            ? $"{what} se borró el {EcuadorTime.Format(purgedAt)} al vencer el plazo de retención del contenido."
            : ProtectedContent.Protects(email.Type)
                ? $"{what} no se guarda en los documentos clínicos."
                : email.Type == EmailTypes.PasswordRecovery
                    ? $"{what} no se guarda: llevaba un enlace de un solo uso."
                    : null;
        if (why is null && archive.Has(sha))
        {
            return new SentMessageCopy(sha, requestBody, true, null);
        }

        why ??= $"{what} no está guardado: no se pudo escribir al enviarlo o sus bytes ya no coinciden con su SHA-256 (el registro de la aplicación lo dice).";
        return new SentMessageCopy(sha, requestBody, false, why + " Su SHA-256 queda en el historial y en la constancia de envío.");
    }
}
