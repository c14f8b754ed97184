using Cartero.Features.Sending;
using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages;

/// <summary>
/// What a customer sees: the mail sent to them and their invoices and receipts (download, "Reenviarme"), never
/// anybody else's, never internal error text.
/// </summary>
public sealed class MisCorreosModel(CarteroDbContext db, UserManager<CarteroUser> users, CustomerDocuments documents) : PageModel
{
    public IReadOnlyList<CustomerEmail> Items { get; private set; } = [];

    public IReadOnlyList<CustomerDocuments.Document> Documents { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetXmlAsync(Guid id, CancellationToken cancellationToken) =>
        await documents.XmlAsync(await CustomerIdAsync(), id, cancellationToken) is { } found
            ? File(System.Text.Encoding.UTF8.GetBytes(found.Xml), "application/xml", $"factura-{found.Number}.xml")
            : NotFound();

    public async Task<IActionResult> OnGetRideAsync(Guid id, CancellationToken cancellationToken) =>
        await documents.RideAsync(await CustomerIdAsync(), id, cancellationToken) is { } found
            ? File(found.Pdf, "application/pdf", $"RIDE-factura-{found.Number}.pdf")
            : NotFound();

    public async Task<IActionResult> OnGetReciboAsync(Guid id, CancellationToken cancellationToken) =>
        await documents.ReceiptAsync(await CustomerIdAsync(), id, cancellationToken) is { } found
            ? File(found.Pdf, "application/pdf", $"comprobante-{found.Number}.pdf")
            : NotFound();

    public async Task<IActionResult> OnPostReenviarmeAsync(Guid id, string? kind, CancellationToken cancellationToken)
    {
        try
        {
            if (!await documents.ResendAsync(await CustomerIdAsync(), kind == "factura" ? "factura" : "comprobante", id, HttpContext.GetActor(), cancellationToken))
            {
                return NotFound();
            }

            Message = "Listo: se lo enviamos otra vez a su correo.";
            return RedirectToPage();
        }
        catch (StoreValidationException ex)
        {
            ModelState.AddModelError("", ex.Message);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task<string?> CustomerIdAsync() => (await users.GetUserAsync(User))?.CustomerId;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return;
        }

        Documents = await documents.ListAsync(user.CustomerId, cancellationToken);

        var customerId = user.CustomerId;
        var email = user.Email;
        Items = await db.Emails.AsNoTracking()
            .Where(e => (customerId != null && e.RecipientKind == "cliente" && e.RecipientId == customerId) || (email != null && e.ToAddress == email))
            .OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.Id)
            .Take(200)
            .Select(e => new CustomerEmail(e.RequestedAt, e.Type, e.Subject, e.Status, e.EntityType, e.EntityId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The customer's view of one email: no addresses of others, no errors, no internals.</summary>
    public sealed record CustomerEmail(DateTime RequestedAt, string Type, string Subject, EmailStatus Status, string? EntityType, string? EntityId)
    {
        public string StatusText => Status switch
        {
            EmailStatus.EnCola or EmailStatus.Enviando or EmailStatus.Reintento => "en proceso",
            EmailStatus.Enviado => "enviado",
            EmailStatus.Entregado => "entregado",
            EmailStatus.Abierto => "abierto",
            EmailStatus.Rebotado => "no entregado",
            EmailStatus.Fallido => "no enviado",
            _ => "cancelado",
        };
    }
}
