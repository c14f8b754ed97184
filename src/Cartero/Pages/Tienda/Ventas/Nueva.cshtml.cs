using Cartero.Features.Store;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Pages.Tienda.Ventas;

/// <summary>Make and finish a sale; "Enviar comprobante por correo al cliente" is on when the customer has an email.</summary>
public sealed class NuevaModel(CustomerService customers, ProductService products, SaleService sales) : PageModel
{
    [BindProperty]
    public SaleForm Input { get; set; } = new();

    public Customer? Customer { get; private set; }

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task OnGetAsync(Guid? cliente, CancellationToken cancellationToken)
    {
        Input.CustomerId = cliente;
        await LoadAsync(cancellationToken);
        Input.SendMail = Customer?.Email is not null;
        Input.MailAddress = Customer?.Email;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var lines = (Input.Lines ?? []).Where(l => l.ProductId is not null)
            .Select(l => new SaleLineRequest(l.ProductId!.Value, l.Quantity ?? 1, l.Discount ?? 0m)).ToList();
        try
        {
            var sale = await sales.FinishAsync(new SaleRequest(Input.CustomerId, lines, null, Input.SendMail, Input.MailAddress, Input.SaveAddress,
                Input.AllowNegativeStock, Input.PaymentMethod), HttpContext.Seller(), cancellationToken);
            return Redirect($"/tienda/ventas/{sale.Id}");
        }
        catch (StoreValidationException ex)
        {
            ModelState.Clear();
            ModelState.AddErrors(ex, "");
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Customer = Input.CustomerId is { } id ? await customers.FindAsync(id, cancellationToken) : null;
        Products = await products.ListAsync(null, cancellationToken);
        while (Input.Lines.Count < SaleForm.Rows)
        {
            Input.Lines.Add(new SaleForm.LineForm());
        }
    }
}
