using Cartero.Features.Alerts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages;

/// <summary>"Entendido": hides the person's current failure warnings and goes back where they were.</summary>
public sealed class AvisosModel(PanelAlertService alerts) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await alerts.AcknowledgeAsync(User, cancellationToken);
        var back = Request.Headers.Referer.ToString();
        return Redirect(Uri.TryCreate(back, UriKind.Absolute, out var uri) && uri.Host == Request.Host.Host ? uri.PathAndQuery : "/");
    }
}
