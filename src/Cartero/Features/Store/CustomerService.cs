using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Store;

/// <summary>Find, create and edit customers; every create and edit is in the audit trail (field names, not values).</summary>
public sealed class CustomerService(CarteroDbContext db, IAuditTrail audit, TimeProvider time)
{
    public async Task<IReadOnlyList<Customer>> SearchAsync(string? query, CancellationToken cancellationToken)
    {
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToLower();
            customers = customers.Where(c => c.Names.ToLower().Contains(q) || c.IdNumber.StartsWith(q) || (c.Email != null && c.Email.ToLower().Contains(q)));
        }

        return await customers.OrderBy(c => c.Names).Take(50).ToListAsync(cancellationToken);
    }

    public Task<Customer?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <exception cref="StoreValidationException">A field is wrong or the identification is taken.</exception>
    public async Task<Customer> CreateAsync(CustomerInput input, RequestActor actor, CancellationToken cancellationToken)
    {
        var normalized = await ValidateAsync(input, null, cancellationToken);
        var now = time.GetUtcNow();
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(now),
            Names = normalized.Names!,
            IdType = normalized.IdType!,
            IdNumber = normalized.IdNumber!,
            Email = normalized.Email,
            Phone = normalized.Phone,
            Address = normalized.Address,
            CreatedAt = now.UtcDateTime,
            UpdatedAt = now.UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.CreateCustomer, $"cliente:{customer.Id}",
            new CreateCustomerDetails(customer.IdType, customer.Email is not null)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return customer;
    }

    /// <returns>The customer after the edit, or null when there is no such customer.</returns>
    public async Task<Customer?> UpdateAsync(Guid id, CustomerInput input, RequestActor actor, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var n = await ValidateAsync(input, id, cancellationToken);
        var changed = new List<string>();
        void Set<T>(string field, T current, T value, Action<T> apply)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value))
            {
                changed.Add(field);
                apply(value);
            }
        }

        Set("nombres", customer.Names, n.Names!, v => customer.Names = v);
        Set("tipo_identificacion", customer.IdType, n.IdType!, v => customer.IdType = v);
        Set("identificacion", customer.IdNumber, n.IdNumber!, v => customer.IdNumber = v);
        Set("correo", customer.Email, n.Email, v => customer.Email = v);
        Set("telefono", customer.Phone, n.Phone, v => customer.Phone = v);
        Set("direccion", customer.Address, n.Address, v => customer.Address = v);
        if (changed.Count == 0)
        {
            return customer;
        }

        customer.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.EditCustomer, $"cliente:{customer.Id}", new EditCustomerDetails(changed)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return customer;
    }

    /// <summary>Corrects only the email (the counter's "corregir correo"), audited like any edit. Joins the caller's transaction if any.</summary>
    public async Task UpdateEmailAsync(Guid id, string email, RequestActor actor, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null || string.Equals(customer.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        customer.Email = email;
        customer.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var owned = db.Database.CurrentTransaction is null;
        await using var tx = owned ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.EditCustomer, $"cliente:{customer.Id}", new EditCustomerDetails(new[] { "correo" })), cancellationToken);
        if (tx is not null)
        {
            await tx.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Links the customer to a panel user with role <c>cliente</c>, so "Mis correos" shows their mail.</summary>
    public async Task LinkUserAsync(Guid customerId, Guid userId, RequestActor actor, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstAsync(c => c.Id == customerId, cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        customer.UserId = userId;
        user.CustomerId = customerId.ToString();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.LinkCustomerUser, $"cliente:{customerId}", new LinkCustomerUserDetails(userId)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private async Task<CustomerInput> ValidateAsync(CustomerInput input, Guid? self, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var n = new CustomerInput(Clean(input.Names), Clean(input.IdType), Clean(input.IdNumber)?.Replace(" ", "", StringComparison.Ordinal),
            Clean(input.Email), Clean(input.Phone), Clean(input.Address));
        if (n.Names is null)
        {
            errors["names"] = ["Escriba los nombres y apellidos (o la razón social) del cliente."];
        }
        else if (n.Names.Length > 300)
        {
            errors["names"] = ["Los nombres no pueden pasar de 300 caracteres."];
        }

        if (IdentificationTypes.Problems(n.IdType, n.IdNumber, n.Names) is { Count: > 0 } idProblems)
        {
            errors[IdentificationTypes.ToSri(n.IdType) is null ? "idType" : "idNumber"] = [.. idProblems];
        }

        if (n.Email is not null && !EmailRequestValidator.IsValidAddress(n.Email))
        {
            errors["email"] = [$"«{n.Email}» no es una dirección de correo válida; corríjala o déjela vacía."];
        }

        if (n.Phone is { Length: > 40 })
        {
            errors["phone"] = ["El teléfono no puede pasar de 40 caracteres."];
        }

        if (n.Address is { Length: > 300 })
        {
            errors["address"] = ["La dirección no puede pasar de 300 caracteres."];
        }

        if (errors.Count == 0 && await db.Customers.AnyAsync(c => c.IdType == n.IdType && c.IdNumber == n.IdNumber && c.Id != self, cancellationToken))
        {
            errors["idNumber"] = [$"Ya hay un cliente con {IdentificationTypes.Label(n.IdType!)} {n.IdNumber}; búsquelo en lugar de crearlo otra vez."];
        }

        return errors.Count > 0 ? throw new StoreValidationException(errors) : n;
    }
}
