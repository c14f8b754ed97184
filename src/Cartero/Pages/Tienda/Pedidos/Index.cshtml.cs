using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages.Tienda.Pedidos;

/// <summary>Lens orders: register one for a sale, move it through the laboratory; "listo para retirar" mails the customer once.</summary>
public sealed class IndexModel(CarteroDbContext db, LensOrderService orders) : PageModel
{
    public sealed record Row(Guid Id, string Number, DateTime CreatedAt, string Customer, string Laboratory, string Prescription, string Status, bool ReadyMailSent);

    [BindProperty(SupportsGet = true, Name = "venta")]
    public Guid? SaleId { get; set; }

    [BindProperty]
    public string? PrescriptionReference { get; set; }

    [BindProperty]
    public string? Laboratory { get; set; }

    [BindProperty]
    public DateOnly? EstimatedDate { get; set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<Row> Orders { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCrearAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A seller registers orders only for their own sales.
            var visible = SaleId is { } sale && await db.Sales.AnyAsync(s => s.Id == sale && (User.SeesAllSales() || s.SellerId == User.UserId()), cancellationToken);
            var order = await orders.CreateAsync(visible ? SaleId!.Value : Guid.Empty, PrescriptionReference, Laboratory, EstimatedDate, HttpContext.GetActor(), cancellationToken);
            Message = $"Pedido {order.Number} registrado.";
            return RedirectToPage();
        }
        catch (StoreValidationException ex)
        {
            ModelState.Clear();
            ModelState.AddErrors(ex, "");
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostMoverAsync(Guid id, string? to, bool resend, CancellationToken cancellationToken)
    {
        try
        {
            if (to is null || !LensOrderStatus.All.Contains(to))
            {
                throw StoreValidationException.Of("status", "Elija a qué estado pasa el pedido.");
            }

            if (await orders.MoveAsync(id, to, HttpContext.GetActor(), resend, cancellationToken) is not { } order)
            {
                return NotFound();
            }

            Message = $"Pedido {order.Number}: {LensOrderStatus.Label(order.Status)}.";
            return RedirectToPage();
        }
        catch (StoreValidationException ex)
        {
            ModelState.AddErrors(ex, "");
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await (from o in db.LensOrders.AsNoTracking()
                          join c in db.Customers on o.CustomerId equals c.Id
                          orderby o.CreatedAt descending
                          select new { o.Id, o.CreatedAt, c.Names, o.Laboratory, o.PrescriptionReference, o.Status, o.ReadyMailSent })
            .Take(300).ToListAsync(cancellationToken);
        Orders = [.. rows.Select(r => new Row(r.Id, new LensOrder { Id = r.Id, PrescriptionReference = "", Laboratory = "", Status = "" }.Number, r.CreatedAt, r.Names,
            r.Laboratory, r.PrescriptionReference, r.Status, r.ReadyMailSent))];
    }
}
