using Cartero.Platform.Web;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>Notas de crédito: created from an authorised factura, then taken to the SRI and mailed like it.</summary>
public static class CreditNotesModule
{
    public static IServiceCollection AddCreditNotes(this IServiceCollection services)
    {
        services.AddScoped<CreditNoteService>();
        services.AddScoped<CreditNoteQueries>();
        services.AddScoped<CreditNoteLifecycle>();
        // The panel's form issues a comprobante: the same people who may issue facturas (facturas_emitir), the admin.
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AuthorizePage("/Facturas/NotaCredito", PanelModule.AdminPolicy));
        return services;
    }

    public static IEndpointRouteBuilder MapCreditNotes(this IEndpointRouteBuilder app) => app.MapCreditNoteEndpoints();
}
