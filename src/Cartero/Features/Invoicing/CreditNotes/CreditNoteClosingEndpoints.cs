using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>The API for a nota de crédito after the SRI: correct and resend a refused one, abandon it, mail an authorised one again.</summary>
public static class CreditNoteClosingEndpoints
{
    /// <summary>Maps on the <c>/api/v1/credit-notes</c> group (which already requires <c>facturas_leer</c>).</summary>
    public static RouteGroupBuilder MapCreditNoteClosing(this RouteGroupBuilder notes)
    {
        // A state that does not allow the step (409) and an invalid address (400) are answered by ApiExceptionHandler.
        notes.MapPost("/{id:guid}/correction", async (Guid id, CreditNoteClosingRequest? request, CreditNoteLifecycle lifecycle, CreditNoteQueries queries, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    return await lifecycle.CorrectAsync(id, request?.Reason, http.GetActor(), ct) is { } note
                        ? Results.Accepted($"/api/v1/credit-notes/{note.Id}", await queries.GetAsync(note.Id, ct))
                        : NotFound(id);
                }
                catch (InvoiceValidationException ex)
                {
                    return Results.ValidationProblem(ex.Errors, title: "La corrección tiene datos inválidos", detail: "Corrija el motivo; la nota de crédito no cambió.");
                }
            })
            .RequireAuthorization(CarteroPolicies.InvoicesWrite)
            .WithName("CorregirNotaCredito")
            .Produces<CreditNoteDto>(202)
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);

        notes.MapPost("/{id:guid}/abandon", async (Guid id, CreditNoteClosingRequest? request, CreditNoteLifecycle lifecycle, CreditNoteQueries queries, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    return await lifecycle.AbandonAsync(id, request?.Reason, http.GetActor(), ct) is { } closed
                        ? Results.Ok(await queries.GetAsync(closed.Note.Id, ct))
                        : NotFound(id);
                }
                catch (InvoiceValidationException ex)
                {
                    return Results.ValidationProblem(ex.Errors, title: "Falta el motivo", detail: "No se abandonó la nota de crédito.");
                }
            })
            .RequireAuthorization(CarteroPolicies.InvoicesWrite)
            .WithName("AbandonarNotaCredito")
            .Produces<CreditNoteDto>()
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);

        notes.MapPost("/{id:guid}/email", async (Guid id, InvoiceResendRequest? request, InvoiceMailer mailer, HttpContext http, CancellationToken ct) =>
                await mailer.ResendCreditNoteAsync(id, request?.Address, http.GetActor(), EmailOrigin.Api, ct) is { } outcome
                    ? Results.Accepted($"/api/v1/emails/{outcome.EmailId}", new InvoiceMailOutcome(outcome.MailStatus, outcome.EmailId, outcome.Detail))
                    : NotFound(id))
            .WithName("ReenviarNotaCredito")
            .Produces<InvoiceMailOutcome>(202)
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);
        return notes;
    }

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: 404, title: "Nota de crédito no encontrada", detail: $"No existe una nota de crédito con id {id}.");
}
