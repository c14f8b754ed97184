using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Cartero.Pages.Shared;

/// <summary>On the factura's page: its notas de crédito with their state and downloads, what remains, and "Emitir nota de crédito".</summary>
public sealed class NotasCreditoViewComponent(CreditNoteQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid invoiceId, string status)
    {
        var notes = await queries.ListByInvoiceAsync(invoiceId, HttpContext.RequestAborted) ?? [];
        var balance = status == "autorizada" ? await queries.BalanceAsync(invoiceId, HttpContext.RequestAborted) : null;
        // Whoever may issue facturas may issue notas de crédito (the API's facturas_emitir: in the panel, the admin).
        var canIssue = balance is { Remaining: > 0 } && HttpContext.User.IsInRole(CarteroRoles.Admin);
        return View(new NotasCreditoView(invoiceId, notes, balance, canIssue));
    }
}
