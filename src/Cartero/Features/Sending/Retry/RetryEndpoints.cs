using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Sending.Retry;

/// <summary><c>POST /api/v1/emails/{id}/retry</c>: a person sends a failed email again.</summary>
public static class RetryEndpoints
{
    public static RouteGroupBuilder MapRetry(this RouteGroupBuilder emails)
    {
        emails.MapPost("/{id:guid}/retry", RetryAsync)
            .RequireAuthorization(CarteroPolicies.EmailsRetry)
            .WithName("ReintentarCorreo")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return emails;
    }

    /// <summary>
    /// Only a <c>fallido</c> email goes back to the queue (409 otherwise, <c>enviando</c> included); a seller retries
    /// only their own mail, and another's is answered as not found.
    /// </summary>
    public static async Task<Results<Accepted<EnqueueEmailResponse>, ProblemHttpResult>> RetryAsync(
        Guid id, EmailRetryService retries, CarteroDbContext db, IAuditTrail audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (http.User.OwnMailOnly() is { } own && !await db.Emails.AnyAsync(e => e.Id == id && e.OriginatedBy == own, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Correo no encontrado", detail: $"No existe un correo con id {id} entre los que usted puede ver.");
        }

        try
        {
            var actor = http.GetActor();
            if (await retries.RetryAsync(id, actor, cancellationToken) is not { } entry)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Correo no encontrado", detail: $"No existe un correo con id {id}.");
            }

            await audit.RecordAsync(AuditRecord.Of(actor.Name, actor.Ip, AuditAction.RetryEmail, id.ToString(), new RetryEmailDetails("api")), cancellationToken);
            return TypedResults.Accepted($"/api/v1/emails/{entry.Id}", new EnqueueEmailResponse(entry.Id, entry.Status.ToCode()));
        }
        catch (InvalidEmailTransitionException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No se puede reintentar",
                detail: ex.Reason ?? $"Solo se reintenta un correo 'fallido'; este está en '{ex.From.ToCode()}'.");
        }
    }
}
