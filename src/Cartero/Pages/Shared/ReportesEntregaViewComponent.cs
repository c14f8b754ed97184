using Cartero.Features.Tracking;
using Cartero.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Shared;

/// <summary>The reports from the receiving side of one email (webhook, DSN, pixel) with the server's literal text.</summary>
public sealed class ReportesEntregaViewComponent(CarteroDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid emailId) =>
        View(await db.DeliveryReports.AsNoTracking().Where(r => r.EmailId == emailId).OrderBy(r => r.Id).ToListAsync(HttpContext.RequestAborted));
}
