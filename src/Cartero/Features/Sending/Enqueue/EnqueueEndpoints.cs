using Cartero.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cartero.Features.Sending.Enqueue;

/// <summary><c>POST /api/v1/emails</c> and <c>/batch</c>: the API's way into the send log.</summary>
public static class EnqueueEndpoints
{
    public static RouteGroupBuilder MapEnqueue(this RouteGroupBuilder emails)
    {
        emails.MapPost("/", EnqueueAsync)
            .RequireAuthorization(CarteroPolicies.EmailsSend)
            .WithName("EncolarCorreo")
            .ProducesProblem(StatusCodes.Status409Conflict);
        emails.MapPost("/batch", EnqueueBatchAsync)
            .RequireAuthorization(CarteroPolicies.EmailsSend)
            .WithName("EncolarLote")
            .Produces<EnqueueEmailBatchResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return emails;
    }

    /// <summary>One email; a key already used for the same request answers the first answer again, marked as replayed.</summary>
    public static async Task<Results<Accepted<EnqueueEmailResponse>, ValidationProblem, ProblemHttpResult>> EnqueueAsync(
        EnqueueEmailRequest request, EmailEnqueuer enqueuer, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var (entry, replayed) = await enqueuer.EnqueueAsync(request, http.GetActor(), EmailOrigin.Api, cancellationToken);
            if (replayed)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }

            return TypedResults.Accepted($"/api/v1/emails/{entry.Id}", new EnqueueEmailResponse(entry.Id, entry.Status.ToCode()));
        }
        catch (EnqueueValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "La solicitud de envío tiene datos inválidos",
                detail: "Corrija los campos indicados; no se encoló ningún correo.");
        }
        catch (IdempotencyConflictException ex)
        {
            return KeyConflict(ex, ex.Message);
        }
    }

    /// <summary>All the emails of the batch or none: a field error or a key conflict in one item enqueues nothing.</summary>
    public static async Task<Results<JsonHttpResult<EnqueueEmailBatchResponse>, ValidationProblem, ProblemHttpResult>> EnqueueBatchAsync(
        EnqueueEmailBatchRequest request, EmailEnqueuer enqueuer, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var results = await enqueuer.EnqueueManyAsync(request.Items ?? [], http.GetActor(), EmailOrigin.Api, cancellationToken);
            return TypedResults.Json(new EnqueueEmailBatchResponse([.. results.Select(r => new EnqueuedBatchItem(r.Entry.Id, r.Entry.Status.ToCode(), r.Replayed))]),
                statusCode: StatusCodes.Status202Accepted);
        }
        catch (EnqueueValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "El lote tiene correos con datos inválidos",
                detail: "Corrija los campos indicados (items[n].campo); no se encoló ningún correo del lote.");
        }
        catch (IdempotencyConflictException ex)
        {
            return KeyConflict(ex, ex.Message + " No se encoló ningún correo del lote.");
        }
    }

    private static ProblemHttpResult KeyConflict(IdempotencyConflictException ex, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Clave de idempotencia ya usada", detail: detail,
            extensions: new Dictionary<string, object?> { ["existingId"] = ex.ExistingId });
}
