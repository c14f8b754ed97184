using Cartero.Features.Sending;
using Cartero.Features.Logs;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Ganss.Xss;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Correos;

/// <summary>One email: every field, its event history, the message as rendered, its attachments; retry when it failed.</summary>
public sealed class DetalleModel(EmailLogQueries queries, CarteroDbContext db, EmailRetryService retries) : PageModel
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public EmailLogEntry? Email { get; private set; }
    public EmailContent? Body { get; private set; }
    public string? SafeHtml { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Email = await queries.GetWithEventsAsync(id, cancellationToken);
        if (Email is null)
        {
            return NotFound();
        }

        Body = await db.EmailContents.AsNoTracking().FirstOrDefaultAsync(c => c.EmailId == id, cancellationToken);
        SafeHtml = Body?.Html is { } html ? Sanitizer.Sanitize(html) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostReintentarAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            if (await retries.RetryAsync(id, HttpContext.GetActor(), cancellationToken) is null)
            {
                return NotFound();
            }

            Message = "El correo volvió a la cola y se enviará en breve.";
        }
        catch (InvalidEmailTransitionException ex)
        {
            Message = $"No se puede reintentar: el correo está en '{ex.From.ToCode()}'. Solo se reintentan correos fallidos.";
        }

        return RedirectToPage(new { id });
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
