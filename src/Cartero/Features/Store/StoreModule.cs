using Cartero.Platform.Cli;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Features.Store;

/// <summary>The store's flows: customers, products and stock, sales at the counter, lens orders, notices.</summary>
public static class StoreModule
{
    public const string SellersPolicy = "tienda-vendedores";
    public const string ManagersPolicy = "tienda-gerencia";

    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StoreOptions>(configuration.GetSection("Cartero:Store"));
        services.AddScoped<CustomerService>();
        services.AddScoped<ProductService>();
        services.AddScoped<StockAlertService>();
        services.AddScoped<SaleMailService>();
        services.AddScoped<StoreIssuer>();
        services.AddScoped<SaleService>();
        services.AddScoped<LensOrderService>();
        services.AddScoped<SalesQuery>();
        services.AddScoped<NoticeService>();
        services.AddScoped<CustomerDocuments>();
        services.AddCliVerb<DemoSeedVerb>();
        services.AddAuthorizationBuilder()
            .AddPolicy(SellersPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(CarteroRoles.Admin, CarteroRoles.Gerente, CarteroRoles.Vendedor))
            .AddPolicy(ManagersPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(CarteroRoles.Admin, CarteroRoles.Gerente));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Tienda", SellersPolicy);
            o.Conventions.AuthorizeFolder("/Tienda/Productos", ManagersPolicy);
            o.Conventions.AuthorizeFolder("/Tienda/Avisos", ManagersPolicy);
        });
        return services;
    }
}
