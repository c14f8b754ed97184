using Cartero.Features.Alerts;
using Microsoft.AspNetCore.Mvc;

namespace Cartero.Pages.Shared;

/// <summary>Renders the warnings of <see cref="PanelAlertService"/> at the top of every page.</summary>
public sealed class AvisosViewComponent(PanelAlertService alerts) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View(await alerts.ForAsync(UserClaimsPrincipal, HttpContext.RequestAborted));
}
