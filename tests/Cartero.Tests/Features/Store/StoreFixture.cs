using Cartero.Features.Store;
using Cartero.Platform.Auth;
using Cartero.Platform.Identity;
using Cartero.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Features.Store;

/// <summary>Small helpers the store's tests share: people, customers, products and sales through the real services.</summary>
internal static class StoreFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Seller> UserAsync(CarteroAppFactory app, string role, string email, string? customerId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new CarteroUser
            {
                Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, FullName = $"Usuario {role}",
                CustomerId = customerId, CreatedAt = DateTime.UtcNow,
            };
            Assert.True((await users.CreateAsync(user, "una-clave-bastante-larga")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        return new Seller(user.Id, new RequestActor(email, "127.0.0.1", role == CarteroRoles.Admin));
    }

    public static Task<Customer> CustomerAsync(CarteroAppFactory app, string? email, string idNumber = "1712345675") =>
        WithAsync<CustomerService, Customer>(app, s => s.CreateAsync(
            new CustomerInput("María José Pérez", IdentificationTypes.Cedula, idNumber, email, "0991234567", "Quito"), new RequestActor("test", null, true), Ct));

    public static Task<Product> ProductAsync(CarteroAppFactory app, string code, int stock, int minimum, decimal price = 20m, string tax = "4") =>
        WithAsync<ProductService, Product>(app, s => s.CreateAsync(
            new ProductInput(code, $"Producto {code}", ProductCategories.Armazon, price, tax, stock, minimum), new RequestActor("test", null, true), Ct));

    public static Task<Sale> SellAsync(CarteroAppFactory app, Seller seller, Guid? customerId, Guid productId, int quantity = 1, bool mail = false, string? address = null, bool allowNegative = false) =>
        WithAsync<SaleService, Sale>(app, s => s.FinishAsync(
            new SaleRequest(customerId, [new SaleLineRequest(productId, quantity)], SendMail: mail, MailAddress: address, AllowNegativeStock: allowNegative), seller, Ct));

    public static async Task<TResult> WithAsync<TService, TResult>(CarteroAppFactory app, Func<TService, Task<TResult>> work)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
