using Cartero.Features.Sending;
using Cartero.Platform.Auth;

namespace Cartero.Features.Tracking;

/// <summary>Reports from the receiving side: the applier, the suppression list, the SendGrid webhook and the open pixel.</summary>
public static class TrackingModule
{
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddScoped<DeliveryReportApplier>();
        services.AddScoped<IRecipientSuppression, RecipientSuppression>();
        services.AddScoped<SuppressionService>();
        return services;
    }

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        var suppressions = app.MapGroup("/api/v1/suppressions").RequireAuthorization(CarteroPolicies.Admin).WithTags("Supresión");

        suppressions.MapGet("/", async (string? q, int? limit, SuppressionService service, CancellationToken ct) =>
                Results.Ok(await service.SearchAsync(q, limit ?? 50, ct)))
            .WithName("VerListaSupresion")
            .Produces<List<SuppressionView>>();

        suppressions.MapPost("/", async (SuppressionRequest request, SuppressionService service, HttpContext http, CancellationToken ct) =>
            {
                var (entry, created, errors) = await service.AddAsync(request, http.GetActor(), ct);
                if (entry is null)
                {
                    return Results.ValidationProblem(errors, title: "La dirección a suprimir tiene datos inválidos", detail: "No se agregó nada; corrija los campos indicados.");
                }

                return created ? Results.Created($"/api/v1/suppressions/{Uri.EscapeDataString(entry.Address)}", entry) : Results.Ok(entry);
            })
            .WithName("AgregarSupresion")
            .Produces<SuppressionView>(201)
            .Produces<SuppressionView>()
            .ProducesValidationProblem();

        suppressions.MapDelete("/{address}", async (string address, SuppressionService service, HttpContext http, CancellationToken ct) =>
                await service.RemoveAsync(address, http.GetActor(), ct)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: 404, title: "Dirección no suprimida", detail: $"La dirección {address} no está en la lista de supresión; el correo a ella ya se envía."))
            .WithName("QuitarSupresion")
            .Produces(204)
            .ProducesProblem(404);

        return app;
    }
}
