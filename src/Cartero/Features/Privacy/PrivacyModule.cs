using Cartero.Features.Audit;
using Cartero.Platform.Data;
using Cartero.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Features.Privacy;

/// <summary>The data subject's rights of access and portability (LOPDP): "Mis datos" for the customer, the same file for an admin.</summary>
public static class PrivacyModule
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        // The order here is the order of datos.json and resumen.html; a new kind of data is one more line.
        services.AddScoped<IPersonalDataSection, ProfileSection>();
        services.AddScoped<IPersonalDataSection, EmailSection>();
        services.AddScoped<IPersonalDataSection, InvoiceSection>();
        services.AddScoped<IPersonalDataSection, PurchaseSection>();
        services.AddScoped<IPersonalDataSection, LensOrderSection>();
        services.AddScoped<IPersonalDataSection, ClinicalSection>();
        services.AddScoped(sp => new PersonalDataExporter(
            sp.GetRequiredService<CarteroDbContext>(), sp.GetServices<IPersonalDataSection>(), sp.GetRequiredService<IAuditTrail>(), sp.GetRequiredService<TimeProvider>()));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizePage("/MisDatos", PanelModule.CustomerPolicy);
            o.Conventions.AuthorizePage("/Tienda/Clientes/Datos", PanelModule.AdminPolicy);
        });
        return services;
    }
}
