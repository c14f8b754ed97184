using Cartero.Platform.Auth;

namespace Cartero.Features.Invoicing;

/// <summary>The API for invoices that leave the SRI's flow for good: "emitir de nuevo" (45, 65) and "anulada" in the SRI's portal.</summary>
public static class InvoiceReissueEndpoints
{
    public static IEndpointRouteBuilder MapInvoiceReissue(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/v1/invoices").WithTags("Facturas");

        invoices.MapPost("/{id:guid}/reissue", async (Guid id, InvoiceReissueRequest? request, InvoiceSubmissionService submissions, HttpContext http, CancellationToken ct) =>
            {
                // A state that does not allow it (409) and invoicing not set up (503) are answered by ApiExceptionHandler.
                try
                {
                    return await submissions.ReissueAsync(id, request?.Reason, http.GetActor(), ct) is { } pair
                        ? Results.Created($"/api/v1/invoices/{pair.Replacement.Id}", new InvoiceReissueResult(pair.Abandoned.Id, pair.Abandoned.Number,
                            pair.Abandoned.Status.ToCode(),
                            new InvoiceSubmitted(pair.Replacement.Id, pair.Replacement.Status.ToCode(), pair.Replacement.Number, pair.Replacement.AccessKey, pair.Replacement.Total)))
                        : Results.Problem(statusCode: 404, title: "Factura no encontrada", detail: $"No existe una factura con id {id}.");
                }
                catch (InvoiceValidationException ex)
                {
                    return Results.ValidationProblem(ex.Errors, title: "La factura ya no cumple las reglas del SRI",
                        detail: "No se emitió de nuevo ni se usó un secuencial; corrija los datos y emita una factura nueva.");
                }
            })
            .RequireAuthorization(CarteroPolicies.InvoicesWrite)
            .WithName("EmitirFacturaDeNuevo")
            .Produces<InvoiceReissueResult>(201)
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409)
            .ProducesProblem(503);

        invoices.MapPost("/{id:guid}/annul", async (Guid id, InvoiceAnnulRequest request, InvoiceSubmissionService submissions, InvoiceQueries queries, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    return await submissions.AnnulAsync(id, request, http.GetActor(), ct) is { } invoice
                        ? Results.Ok(await queries.GetAsync(invoice.Id, ct))
                        : Results.Problem(statusCode: 404, title: "Factura no encontrada", detail: $"No existe una factura con id {id}.");
                }
                catch (InvoiceValidationException ex)
                {
                    return Results.ValidationProblem(ex.Errors, title: "Falta la referencia o la confirmación de la anulación", detail: "No se registró nada.");
                }
            })
            .RequireAuthorization(CarteroPolicies.InvoicingAdmin)
            .WithName("RegistrarFacturaAnulada")
            .Produces<InvoiceDto>()
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);

        invoices.MapGet("/undelivered", async (string? reason, InvoiceDeliveryWatch watch, CancellationToken ct) =>
                UndeliveredReasons.TryParse(reason, out var parsed)
                    ? Results.Ok(await watch.ListAsync(parsed, null, ct))
                    : Results.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"Motivo «{reason}» desconocido: use {string.Join(", ", UndeliveredReasons.All)}."] },
                        title: "Filtro inválido"))
            .RequireAuthorization(CarteroPolicies.InvoicesRead)
            .WithName("ListarComprobantesSinEntregar")
            .Produces<IReadOnlyList<UndeliveredInvoice>>()
            .ProducesValidationProblem();
        return app;
    }
}
