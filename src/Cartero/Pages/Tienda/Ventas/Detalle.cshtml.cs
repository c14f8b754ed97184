using Cartero.Features.Sending;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Tienda.Ventas;

/// <summary>
/// A sale and its mail's state, live (a small script polls <c>?handler=Estado</c>; a refresh shows it too), with
/// "Reintentar" and "Corregir correo y reenviar". A seller reaches only their own sales; others get 404.
/// </summary>
public sealed class DetalleModel(SaleMailService mail, CustomerService customers, Features.Invoicing.InvoiceDeliveryWatch delivery) : PageModel
{
    /// <summary>The sale's invoice has not reached the buyer (the law requires it to): why.</summary>
    public Features.Invoicing.UndeliveredInvoice? UndeliveredInvoice { get; private set; }

    public Sale? Sale { get; private set; }

    public Customer? Customer { get; private set; }

    public SaleMailState? State { get; private set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public bool SaveToCustomer { get; set; } = true;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetEstadoAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? new JsonResult(State) : NotFound();

    public async Task<IActionResult> OnPostReintentarAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await mail.RetryAsync(Sale!, HttpContext.GetActor(), cancellationToken);
            Message = "El correo volvió a la cola.";
            return RedirectToPage(new { id });
        }
        catch (Exception ex) when (ex is StoreValidationException or InvalidEmailTransitionException)
        {
            ModelState.AddModelError("", ex is StoreValidationException s ? s.Message : "Este correo ya no está fallido; actualice la página.");
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCorregirAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await mail.CorrectAndResendAsync(Sale!, Address, SaveToCustomer, HttpContext.GetActor(), cancellationToken);
            Message = $"Comprobante reenviado a {Address?.Trim()}.";
            return RedirectToPage(new { id });
        }
        catch (StoreValidationException ex)
        {
            ModelState.AddErrors(ex, "");
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Sale = await mail.FindVisibleAsync(id, User.UserId(), User.SeesAllSales(), cancellationToken);
        if (Sale is null)
        {
            return false;
        }

        Customer = Sale.CustomerId is { } c ? await customers.FindAsync(c, cancellationToken) : null;
        State = await mail.StateAsync(Sale, cancellationToken);
        UndeliveredInvoice = Sale.InvoiceId is { } invoiceId ? await delivery.ForInvoiceAsync(invoiceId, cancellationToken) : null;
        Address ??= State.Address ?? Customer?.Email;
        return true;
    }
}
