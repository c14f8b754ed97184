using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Pages;

/// <summary>What a customer sees: the mail sent to them, never anybody else's, never internal error text.</summary>
public sealed class MisCorreosModel(CarteroDbContext db, UserManager<CarteroUser> users) : PageModel
{
    public IReadOnlyList<CustomerEmail> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return;
        }

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
