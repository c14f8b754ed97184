using Cartero.Platform.Auth;
using Cartero.Platform.Web;
using Cartero.Sri;

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

    public static IEndpointRouteBuilder MapCreditNotes(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/v1/invoices").RequireAuthorization(CarteroPolicies.InvoicesRead).WithTags("Notas de crédito");
        invoices.MapPost("/{id:guid}/credit-notes", async (Guid id, CreditNoteRequest request, CreditNoteService service, HttpContext http, CancellationToken ct) =>
            {
                // Not authorised (409), an idempotency key reused (409) and invoicing not ready (503) are answered by ApiExceptionHandler.
                try
                {
                    if (await service.CreateAsync(id, request, http.GetActor(), ct) is not { } created)
                    {
                        return Results.Problem(statusCode: 404, title: "Factura no encontrada", detail: $"No existe una factura con id {id}.");
                    }

                    if (created.Replayed)
                    {
                        http.Response.Headers["Idempotent-Replayed"] = "true";
                    }

                    var n = created.Note;
                    return Results.Accepted($"/api/v1/credit-notes/{n.Id}", new CreditNoteSubmitted(n.Id, n.Status.ToCode(), n.Number, n.AccessKey, n.Total, created.Remaining));
                }
                catch (InvoiceValidationException ex)
                {
                    return Results.ValidationProblem(ex.Errors, title: "La nota de crédito tiene datos inválidos",
                        detail: "Corrija los campos indicados; no se registró la nota de crédito ni se usó un secuencial.");
                }
                catch (CreditNoteExceedsInvoiceException ex)
                {
                    return Results.Problem(statusCode: 409, title: "La nota de crédito excede lo que queda de la factura", detail: ex.Message,
                        extensions: new Dictionary<string, object?> { ["remaining"] = ex.Remaining });
                }
            })
            .RequireAuthorization(CarteroPolicies.InvoicesWrite)
            .WithName("EmitirNotaCredito")
            .Produces<CreditNoteSubmitted>(202)
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409)
            .ProducesProblem(503);

        invoices.MapGet("/{id:guid}/credit-notes", async (Guid id, CreditNoteQueries queries, CancellationToken ct) =>
                await queries.ListByInvoiceAsync(id, ct) is { } notes
                    ? Results.Ok(notes)
                    : Results.Problem(statusCode: 404, title: "Factura no encontrada", detail: $"No existe una factura con id {id}."))
            .WithName("ListarNotasCreditoDeFactura")
            .Produces<IReadOnlyList<CreditNoteDto>>()
            .ProducesProblem(404);

        var notes = app.MapGroup("/api/v1/credit-notes").RequireAuthorization(CarteroPolicies.InvoicesRead).WithTags("Notas de crédito");
        notes.MapGet("/{id:guid}", async (Guid id, CreditNoteQueries queries, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } note
                    ? Results.Ok(note)
                    : NotFound(id))
            .WithName("ConsultarNotaCredito")
            .Produces<CreditNoteDto>()
            .ProducesProblem(404);

        notes.MapGet("/{id:guid}/xml", async (Guid id, CreditNoteQueries queries, CancellationToken ct) =>
                await queries.AuthorizedXmlAsync(id, ct) switch
                {
                    null => NotFound(id),
                    { Xml: null } => Results.Problem(statusCode: 409, title: "Nota de crédito no autorizada", detail: "El SRI aún no autoriza esta nota de crédito; el XML autorizado estará disponible después."),
                    { } found => Results.File(System.Text.Encoding.UTF8.GetBytes(found.Xml), "application/xml", $"nota-credito-{found.Number}.xml"),
                })
            .WithName("DescargarXmlNotaCredito");

        notes.MapGet("/{id:guid}/ride", async (Guid id, CreditNoteQueries queries, CancellationToken ct) =>
                await queries.RideAsync(id, ct) switch
                {
                    null => NotFound(id),
                    { Pdf: null } => Results.Problem(statusCode: 409, title: "Nota de crédito no autorizada", detail: "El RIDE se genera del XML autorizado; el SRI aún no autoriza esta nota de crédito."),
                    { } found => Results.File(found.Pdf, "application/pdf", $"RIDE-nota-credito-{found.Number}.pdf"),
                })
            .WithName("DescargarRideNotaCredito");

        notes.MapCreditNoteClosing();
        return app;
    }

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: 404, title: "Nota de crédito no encontrada", detail: $"No existe una nota de crédito con id {id}.");
}
