using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cartero.Features.Invoicing.CreditNotes;

/// <summary>The API for a nota de crédito after the SRI: correct and resend a refused one, abandon it, mail an authorised one again.</summary>
public static class CreditNoteClosingEndpoints
{
    /// <summary>Maps on the <c>/api/v1/credit-notes</c> group (which already requires <c>facturas_leer</c>).</summary>
    public static RouteGroupBuilder MapCreditNoteClosing(this RouteGroupBuilder notes)
    {
        notes.MapPost("/{id:guid}/correction", CorrectAsync)
            .RequireAuthorization(CarteroPolicies.InvoicesWrite)
            .WithName("CorregirNotaCredito")
            .Produces<CreditNoteDto>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        notes.MapPost("/{id:guid}/abandon", AbandonAsync)
            .RequireAuthorization(CarteroPolicies.InvoicesWrite)
            .WithName("AbandonarNotaCredito")
            .Produces<CreditNoteDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        notes.MapPost("/{id:guid}/email", ResendAsync)
            .WithName("ReenviarNotaCredito")
            .Produces<InvoiceMailOutcome>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return notes;
    }

    /// <summary>
    /// A refused note signed again and sent with the same clave (202). A state that does not allow it (409) is answered
    /// by <c>ApiExceptionHandler</c>.
    /// </summary>
    public static async Task<Results<Accepted<CreditNoteDto>, ValidationProblem, ProblemHttpResult>> CorrectAsync(
        Guid id, CreditNoteClosingRequest? request, CreditNoteLifecycle lifecycle, CreditNoteQueries queries, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await lifecycle.CorrectAsync(id, request?.Reason, http.GetActor(), cancellationToken) is { } note
                ? TypedResults.Accepted($"/api/v1/credit-notes/{note.Id}", await queries.GetAsync(note.Id, cancellationToken))
                : CreditNoteEndpoints.NotFound(id);
        }
        catch (InvoiceValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "La corrección tiene datos inválidos", detail: "Corrija el motivo; la nota de crédito no cambió.");
        }
    }

    /// <summary>A refused note closed for good, with its reason; what it credited is free again (a 409 is as for a correction).</summary>
    public static async Task<Results<Ok<CreditNoteDto>, ValidationProblem, ProblemHttpResult>> AbandonAsync(
        Guid id, CreditNoteClosingRequest? request, CreditNoteLifecycle lifecycle, CreditNoteQueries queries, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await lifecycle.AbandonAsync(id, request?.Reason, http.GetActor(), cancellationToken) is { } closed
                ? TypedResults.Ok(await queries.GetAsync(closed.Note.Id, cancellationToken))
                : CreditNoteEndpoints.NotFound(id);
        }
        catch (InvoiceValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "Falta el motivo", detail: "No se abandonó la nota de crédito.");
        }
    }

    /// <summary>An authorised note mailed again, to its buyer or to a corrected address (an invalid one is a 400 from <c>ApiExceptionHandler</c>).</summary>
    public static async Task<Results<Accepted<InvoiceMailOutcome>, ProblemHttpResult>> ResendAsync(
        Guid id, InvoiceResendRequest? request, InvoiceMailer mailer, HttpContext http, CancellationToken cancellationToken) =>
        await mailer.ResendCreditNoteAsync(id, request?.Address, http.GetActor(), EmailOrigin.Api, cancellationToken) is { } outcome
            ? TypedResults.Accepted($"/api/v1/emails/{outcome.EmailId}", new InvoiceMailOutcome(outcome.MailStatus, outcome.EmailId, outcome.Detail))
            : CreditNoteEndpoints.NotFound(id);
}
