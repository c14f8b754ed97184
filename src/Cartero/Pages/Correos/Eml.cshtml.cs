using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Archive;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Correos;

/// <summary>
/// The <c>.eml</c> of an email exactly as the server accepted it, for a dispute: admin and soporte only (the folder lets
/// gerente read the log, this page narrows it), and every download is in the audit trail.
/// </summary>
[Authorize(Policy = PanelModule.SettingsPolicy)]
public sealed class EmlModel(CarteroDbContext db, SentMessageArchive archive, IAuditTrail audit) : PageModel
{
    /// <summary>
    /// The message of the last accepted attempt, or of the attempt whose hash is <paramref name="sha"/>: the <c>.eml</c>,
    /// or for SendGrid the JSON request body Cartero POSTed (SendGrid builds the MIME on its side).
    /// </summary>
    public async Task<IActionResult> OnGetAsync(Guid id, string? sha, CancellationToken cancellationToken)
    {
        var sent = await db.EmailEvents.AsNoTracking()
            .Where(e => e.EmailId == id && e.MessageSha256 != null)
            .OrderByDescending(e => e.Id)
            .Select(e => new { Sha = e.MessageSha256!, e.Provider })
            .ToListAsync(cancellationToken);
        var chosen = sha is null ? sent.FirstOrDefault() : sent.FirstOrDefault(s => string.Equals(s.Sha, sha, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            return NotFound();
        }

        // Clinical mail is not archived as .eml (hash only); should one be there, only an admin may take it.
        var type = await db.Emails.AsNoTracking().Where(e => e.Id == id).Select(e => e.Type).FirstOrDefaultAsync(cancellationToken);
        if (ProtectedContent.Protects(type) && !User.IsInRole(Cartero.Platform.Identity.CarteroRoles.Admin))
        {
            return Forbid();
        }

        // Read and checked against the hash once; not kept, purged or altered bytes are a 404.
        if (await archive.TryOpenAsync(chosen.Sha, cancellationToken) is not { } stored)
        {
            return NotFound();
        }

        var actor = HttpContext.GetActor();
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.DownloadEml, id.ToString(), new Sha256Details(chosen.Sha)), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return SentMessage.IsRequestBody(chosen.Provider)
            ? File(stored, "application/json", $"correo-{id}-{chosen.Sha[..12]}.sendgrid.json")
            : File(stored, "message/rfc822", $"correo-{id}-{chosen.Sha[..12]}.eml");
    }
}
