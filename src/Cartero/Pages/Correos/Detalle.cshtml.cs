using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Logs;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Archive;
using Cartero.Features.Sending.Attachments;
using Cartero.Features.Sending.Retry;
using Cartero.Features.Tracking.Proof;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Ganss.Xss;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Correos;

/// <summary>One email: every field, its event history, the message as rendered, its attachments; retry when it failed.</summary>
public sealed class DetalleModel(EmailLogQueries queries, CarteroDbContext db, EmailRetryService retries, AttachmentStore attachments, IAuditTrail audit,
    DeliveryProofService proofs, ProtectedContent protectedContent, SentMessageArchive archive) : PageModel
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public EmailLogEntry? Email { get; private set; }
    public EmailContent? Body { get; private set; }

    /// <summary>The kept copy of the last accepted attempt, for those who may download it (<see cref="CanDownloadEml"/>).</summary>
    public SentMessageCopy? SentCopy { get; private set; }

    /// <summary>Only admin and soporte may download the stored .eml (see <see cref="EmlModel"/>).</summary>
    public bool CanDownloadEml => (User.IsInRole(Cartero.Platform.Identity.CarteroRoles.Admin) || User.IsInRole(Cartero.Platform.Identity.CarteroRoles.Soporte)) && CanSeeContent;

    /// <summary>Whether this email's body and attachments are health data (stored encrypted, shown to admins only).</summary>
    public bool IsProtected => ProtectedContent.Protects(Email?.Type);

    /// <summary>
    /// Clinical mail: only admins see the body and attachments here (gerente and soporte see the metadata); the sending
    /// optometrist sees the document on the patient's page. Every view of such an email is audited.
    /// </summary>
    public bool CanSeeContent => !IsProtected || User.IsInRole(Cartero.Platform.Identity.CarteroRoles.Admin);

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Email = await queries.GetWithEventsAsync(id, cancellationToken);
        if (Email is null)
        {
            return NotFound();
        }

        if (CanDownloadEml)
        {
            SentCopy = SentMessageCopy.For(Email, archive);
        }

        if (IsProtected)
        {
            await AuditClinicalAsync(AuditAction.ViewClinicalEmail, id, new ClinicalEmailViewDetails(CanSeeContent), cancellationToken);
            if (!CanSeeContent)
            {
                return Page();
            }
        }

        Body = await db.EmailContents.AsNoTracking().FirstOrDefaultAsync(c => c.EmailId == id, cancellationToken);
        if (IsProtected && Body is not null)
        {
            Body = new EmailContent
            {
                EmailId = id,
                Html = protectedContent.Open(id, ProtectedContent.HtmlColumn, Body.Html),
                Text = protectedContent.Open(id, ProtectedContent.TextColumn, Body.Text),
            };
        }

        return Page();
    }

    /// <summary>
    /// The sanitised HTML of the message, for the detail page's sandboxed frame. It is its own answer, with a policy of
    /// its own, so the mail's inline styles show while the panel's pages keep a policy without inline style.
    /// </summary>
    public async Task<IActionResult> OnGetVistaAsync(Guid id, CancellationToken cancellationToken)
    {
        var html = await db.EmailContents.AsNoTracking().Where(c => c.EmailId == id).Select(c => c.Html).FirstOrDefaultAsync(cancellationToken);
        if (html is null)
        {
            return NotFound();
        }

        var type = await db.Emails.AsNoTracking().Where(e => e.Id == id).Select(e => e.Type).FirstOrDefaultAsync(cancellationToken);
        if (ProtectedContent.Protects(type))
        {
            if (!User.IsInRole(Cartero.Platform.Identity.CarteroRoles.Admin))
            {
                return Forbid();
            }

            await AuditClinicalAsync(AuditAction.ViewClinicalEmail, id, new ClinicalEmailViewDetails(true, "vista"), cancellationToken);
            html = protectedContent.Open(id, ProtectedContent.HtmlColumn, html)!;
        }

        Response.Headers.ContentSecurityPolicy = SecurityHeaders.MessagePreviewPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        Response.Headers.CacheControl = "no-store";
        return Content("<!DOCTYPE html><meta charset=\"utf-8\">" + Sanitizer.Sanitize(html), "text/html; charset=utf-8");
    }

    /// <summary>Downloads one attachment of this email (recorded in the audit trail: they can be invoices or clinical documents).</summary>
    public async Task<IActionResult> OnGetAdjuntoAsync(Guid id, string sha, CancellationToken cancellationToken)
    {
        var email = await db.Emails.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var attachment = email?.Attachments.FirstOrDefault(a => string.Equals(a.Sha256, sha, StringComparison.OrdinalIgnoreCase));
        if (attachment is null || !attachments.Exists(attachment.Sha256))
        {
            return NotFound();
        }

        var clinical = ProtectedContent.Protects(email!.Type);
        if (clinical && !User.IsInRole(Cartero.Platform.Identity.CarteroRoles.Admin))
        {
            return Forbid();
        }

        var actor = HttpContext.GetActor();
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.DownloadAttachment, $"{id}/{attachment.FileName}", new Sha256Details(attachment.Sha256)), cancellationToken);
        if (clinical)
        {
            Response.Headers.CacheControl = "no-store";
            await using var stored = await attachments.OpenReadAsync(attachment.Sha256, cancellationToken);
            return File(await protectedContent.OpenAttachmentAsync(id, stored, cancellationToken), attachment.ContentType, attachment.FileName);
        }

        return File(await attachments.OpenReadAsync(attachment.Sha256, cancellationToken), attachment.ContentType, attachment.FileName);
    }

    /// <summary>A new proof of delivery (PDF and JSON in one ZIP); who asked is recorded in the audit trail.</summary>
    public async Task<IActionResult> OnGetConstanciaAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await proofs.CreateAsync(id, HttpContext.GetActor(), "panel", cancellationToken) is not { } proof)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(DeliveryProofService.Zip(proof), "application/zip", $"{proof.FileStem}.zip");
    }

    public async Task<IActionResult> OnPostReintentarAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var actor = HttpContext.GetActor();
            if (await retries.RetryAsync(id, actor, cancellationToken) is null)
            {
                return NotFound();
            }

            await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.RetryEmail, id.ToString(), new RetryEmailDetails("panel")), cancellationToken);

            Message = "El correo volvió a la cola y se enviará en breve.";
        }
        catch (InvalidEmailTransitionException ex)
        {
            Message = ex.Reason is { } reason
                ? $"No se puede reintentar: {reason}"
                : $"No se puede reintentar: el correo está en '{ex.From.ToCode()}'. Solo se reintentan correos fallidos.";
        }

        return RedirectToPage(new { id });
    }

    private Task AuditClinicalAsync(AuditAction<ClinicalEmailViewDetails> action, Guid id, ClinicalEmailViewDetails details, CancellationToken cancellationToken)
    {
        var actor = HttpContext.GetActor();
        return audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, action, id.ToString(), details), cancellationToken);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        // Email HTML keeps its inline styles, but nothing that runs or reaches out: no scripts, no remote images.
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedAttributes.Remove("src");
        return sanitizer;
    }
}
