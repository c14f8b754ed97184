using Cartero.Platform.Identity;
using Cartero.Platform.Secrets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cartero.Features.Clinical;

/// <summary>Clinical documents: consent, the per-user permission, prescriptions and uploaded PDFs, "Enviar al paciente".</summary>
public static class ClinicalModule
{
    /// <summary>The patient pages: optometrists work there, admins view and audit.</summary>
    public const string ClinicalPolicy = "clinica";

    public static IServiceCollection AddClinical(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClinicalOptions>(configuration.GetSection("Cartero:Clinical"));
        services.AddScoped<ClinicalConsents>();
        services.AddScoped<ClinicalPermission>();
        services.AddScoped<ClinicalDocuments>();
        services.AddPagedProtectedContent<ClinicalDocumentContent>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ClinicalPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(CarteroRoles.Admin, CarteroRoles.Optometrista));
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Clinica", ClinicalPolicy));
        return services;
    }
}
