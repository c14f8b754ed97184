using System.Text;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>The API of notas de crédito: issue one from an authorised factura, list a factura's, read one, its XML and RIDE.</summary>
public static class CreditNoteEndpoints
{
    public static IEndpointRouteBuilder MapCreditNoteEndpoints(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/v1/invoices").RequireAuthorization(CarteroPolicies.InvoicesRead).WithTags("Notas de crédito");
        invoices.MapPost("/{id:guid}/credit-notes", CreateAsync)
            .RequireAuthorization(CarteroPolicies.InvoicesWrite)
            .WithName("EmitirNotaCredito")
            .Produces<CreditNoteSubmitted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        invoices.MapGet("/{id:guid}/credit-notes", ListByInvoiceAsync)
            .WithName("ListarNotasCreditoDeFactura")
            .Produces<IReadOnlyList<CreditNoteDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var notes = app.MapGroup("/api/v1/credit-notes").RequireAuthorization(CarteroPolicies.InvoicesRead).WithTags("Notas de crédito");
        notes.MapGet("/{id:guid}", GetAsync)
            .WithName("ConsultarNotaCredito")
            .Produces<CreditNoteDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        notes.MapGet("/{id:guid}/xml", XmlAsync).WithName("DescargarXmlNotaCredito");
        notes.MapGet("/{id:guid}/ride", RideAsync).WithName("DescargarRideNotaCredito");
        notes.MapCreditNoteClosing();
        return app;
    }

    /// <summary>
    /// 202 with the note queued for the SRI. Not authorised (409), an idempotency key reused (409) and invoicing not
    /// ready (503) are answered by <c>ApiExceptionHandler</c>.
    /// </summary>
    public static async Task<Results<Accepted<CreditNoteSubmitted>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid id, CreditNoteRequest request, CreditNoteService service, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            if (await service.CreateAsync(id, request, http.GetActor(), cancellationToken) is not { } created)
            {
                return InvoiceNotFound(id);
            }

            if (created.Replayed)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }

            var n = created.Note;
            return TypedResults.Accepted($"/api/v1/credit-notes/{n.Id}", new CreditNoteSubmitted(n.Id, n.Status.ToCode(), n.Number, n.AccessKey, n.Total, created.Remaining));
        }
        catch (InvoiceValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "La nota de crédito tiene datos inválidos",
                detail: "Corrija los campos indicados; no se registró la nota de crédito ni se usó un secuencial.");
        }
        catch (CreditNoteExceedsInvoiceException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "La nota de crédito excede lo que queda de la factura", detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["remaining"] = ex.Remaining });
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<CreditNoteDto>>, ProblemHttpResult>> ListByInvoiceAsync(
        Guid id, CreditNoteQueries queries, CancellationToken cancellationToken) =>
        await queries.ListByInvoiceAsync(id, cancellationToken) is { } notes ? TypedResults.Ok(notes) : InvoiceNotFound(id);

    public static async Task<Results<Ok<CreditNoteDto>, ProblemHttpResult>> GetAsync(Guid id, CreditNoteQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is { } note ? TypedResults.Ok(note) : NotFound(id);

    /// <summary>The authorised XML; 409 while the SRI has not authorised the note.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> XmlAsync(Guid id, CreditNoteQueries queries, CancellationToken cancellationToken) =>
        await queries.AuthorizedXmlAsync(id, cancellationToken) switch
        {
            null => NotFound(id),
            { Xml: null } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nota de crédito no autorizada",
                detail: "El SRI aún no autoriza esta nota de crédito; el XML autorizado estará disponible después."),
            { } found => TypedResults.File(Encoding.UTF8.GetBytes(found.Xml), "application/xml", $"nota-credito-{found.Number}.xml"),
        };

    /// <summary>The RIDE, rendered from the authorised XML; 409 before the autorización.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RideAsync(Guid id, CreditNoteQueries queries, CancellationToken cancellationToken) =>
        await queries.RideAsync(id, cancellationToken) switch
        {
            null => NotFound(id),
            { Pdf: null } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nota de crédito no autorizada",
                detail: "El RIDE se genera del XML autorizado; el SRI aún no autoriza esta nota de crédito."),
            { } found => TypedResults.File(found.Pdf, "application/pdf", $"RIDE-nota-credito-{found.Number}.pdf"),
        };

    internal static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nota de crédito no encontrada", detail: $"No existe una nota de crédito con id {id}.");

    private static ProblemHttpResult InvoiceNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Factura no encontrada", detail: $"No existe una factura con id {id}.");
}
