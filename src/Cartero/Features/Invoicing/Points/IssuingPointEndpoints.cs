using Cartero.Platform.Auth;

namespace Cartero.Features.Invoicing.Points;

/// <summary>The establecimientos and puntos de emisión of the invoicing settings, for admins.</summary>
internal static class IssuingPointEndpoints
{
    public static IEndpointRouteBuilder MapIssuingPoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/settings/invoicing/establishments").RequireAuthorization(CarteroPolicies.InvoicingAdmin).WithTags("Configuración");
        group.MapPut("/{code}", async (string code, EstablishmentUpdate update, IssuingPointService points, InvoicingSettingsService settings, HttpContext http, CancellationToken ct) =>
            {
                var errors = await points.SaveEstablishmentAsync(code, update, http.GetActor(), ct);
                return errors.Count > 0
                    ? Results.ValidationProblem(errors, title: "El establecimiento tiene datos inválidos", detail: "No se guardó nada; corrija los campos indicados.")
                    : Results.Ok(await settings.GetAsync(ct));
            })
            .WithName("GuardarEstablecimiento")
            .Produces<InvoicingSettingsView>()
            .ProducesValidationProblem();
        group.MapPut("/{code}/points/{point}", async (string code, string point, IssuingPointUpdate update, IssuingPointService points, InvoicingSettingsService settings, HttpContext http, CancellationToken ct) =>
            {
                var errors = await points.SavePointAsync(code, point, update, http.GetActor(), ct);
                return errors.Count > 0
                    ? Results.ValidationProblem(errors, title: "El punto de emisión tiene datos inválidos", detail: "No se guardó nada; corrija los campos indicados.")
                    : Results.Ok(await settings.GetAsync(ct));
            })
            .WithName("GuardarPuntoEmision")
            .Produces<InvoicingSettingsView>()
            .ProducesValidationProblem();
        return app;
    }
}
