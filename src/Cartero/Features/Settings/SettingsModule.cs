using Cartero.Features.Providers;
using Cartero.Features.Sending;
using Cartero.Platform.Auth;
using Cartero.Platform.Cli;
using Cartero.Platform.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Settings;

/// <summary>The sender account settings: storage, endpoints, connection test.</summary>
public static class SettingsModule
{
    public static IServiceCollection AddMailSettings(this IServiceCollection services)
    {
        services.AddSingleton<IMailAccountSource, MailAccountSource>();
        services.AddScoped<MailSettingsService>();
        services.AddScoped<MailConnectionTest>();
        services.AddCliVerb<KeysRotateVerb>();
        services.AddProtectedColumn(MailSecretColumns.Password);
        services.AddProtectedColumn(MailSecretColumns.ApiKey);
        services.AddProtectedColumn(MailSecretColumns.BouncePassword);
        return services;
    }

    public static IEndpointRouteBuilder MapMailSettings(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/settings/mail").RequireAuthorization(CarteroPolicies.Admin).WithTags("Configuración");

        settings.MapGet("/", async (MailSettingsService service, CancellationToken ct) => Results.Ok(await service.GetAsync(ct)))
            .WithName("VerConfiguracionCorreo")
            .Produces<MailSettingsView>();

        settings.MapPut("/", async (MailSettingsUpdate update, MailSettingsService service, HttpContext http, CancellationToken ct) =>
            {
                // A stale version is answered 409 by ApiExceptionHandler.
                var (view, errors) = await service.UpdateAsync(update, http.GetActor(), ct);
                return view is null
                    ? Results.ValidationProblem(errors, title: "La configuración tiene datos inválidos", detail: "No se guardó nada; corrija los campos indicados.")
                    : Results.Ok(view);
            })
            .WithName("CambiarConfiguracionCorreo")
            .Produces<MailSettingsView>()
            .ProducesValidationProblem()
            .ProducesProblem(409);

        settings.MapPost("/test", async (MailSettingsTestRequest request, MailConnectionTest test, HttpContext http, CancellationToken ct) =>
            {
                var (result, errors) = await test.RunAsync(request, http.GetActor(), ct);
                return result is null
                    ? Results.ValidationProblem(errors, title: "La prueba tiene datos inválidos")
                    : Results.Ok(result);
            })
            .WithName("ProbarConfiguracionCorreo")
            .Produces<MailTestOutcome>()
            .ProducesValidationProblem();
        return app;
    }
}
