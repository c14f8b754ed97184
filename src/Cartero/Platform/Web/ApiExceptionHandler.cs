using System.Text.Json;
using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Settings;
using Cartero.Sri;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Cartero.Platform.Web;

/// <summary>
/// The one place where an exception that leaves an API endpoint becomes an answer: domain exceptions get their
/// status and Spanish title, a body the JSON reader refused gets a 400 naming the field, and anything else a 500
/// with a generic Spanish message and the trace id, never the exception's own text.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A database or disk that cannot be written is answered by DatabaseUnavailableExceptionHandler (503), whatever the order.
        if (!httpContext.Request.Path.StartsWithSegments("/api") || Data.DatabaseUnavailable.Is(exception) || exception is Data.StorageUnavailableException)
        {
            return false;
        }

        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller left; there is nobody to answer.
            return true;
        }

        var problem = ProblemFor(exception);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The answer for <paramref name="exception"/>; public so the mapping can be read (and checked) in one place.</summary>
    public static ProblemDetails ProblemFor(Exception exception) => exception switch
    {
        EnqueueValidationException ex => Validation(ex.Errors, "La solicitud de envío tiene datos inválidos",
            "Corrija los campos indicados; no se encoló ningún correo."),
        IdempotencyConflictException ex => Conflict("Clave de idempotencia ya usada", ex.Message, ex.ExistingId),
        InvalidEmailTransitionException ex => Problem(StatusCodes.Status409Conflict, "El correo no admite ese cambio de estado",
            ex.Reason ?? $"El correo está en '{ex.From.ToCode()}' y no puede pasar a '{ex.To.ToCode()}'."),
        InvoiceValidationException ex => Validation(ex.Errors, "La factura tiene datos inválidos",
            "Corrija los campos indicados; no se registró la factura ni se usó un secuencial."),
        InvoiceIdempotencyConflictException ex => Conflict("Clave de idempotencia ya usada", ex.Message, ex.ExistingId),
        InvoiceStateConflictException ex => Problem(StatusCodes.Status409Conflict, ex.Title, ex.Message),
        InvalidInvoiceTransitionException ex => Problem(StatusCodes.Status409Conflict, "La factura no admite ese cambio de estado", ex.Message),
        InvoiceAddressInvalidException ex => Validation(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] },
            "La dirección de correo no es válida", "Corrija la dirección; no se envió nada ni cambió la factura."),
        InvoicingNotReadyException or CertificadoInvalidoException => Problem(StatusCodes.Status503ServiceUnavailable,
            "La facturación electrónica no está lista", exception.Message),
        MailSettingsVersionConflictException or InvoicingSettingsVersionConflictException =>
            Problem(StatusCodes.Status409Conflict, "La configuración cambió", exception.Message),
        BadHttpRequestException { InnerException: JsonException json } => Validation(
            new Dictionary<string, string[]> { [FieldOf(json.Path)] = [JsonProblem(json)] },
            "El cuerpo de la solicitud no es el JSON esperado", "Corrija el campo indicado; no se guardó nada."),
        BadHttpRequestException ex => Problem(ex.StatusCode, "Solicitud inválida", ex.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "El cuerpo de la solicitud es demasiado grande.",
            StatusCodes.Status415UnsupportedMediaType => "Envíe el cuerpo como JSON (Content-Type: application/json).",
            _ => "Envíe un cuerpo JSON con los campos del recurso; no se guardó nada.",
        }),
        _ => Problem(StatusCodes.Status500InternalServerError, "Error interno",
            "Ocurrió un error inesperado. Intente de nuevo; si se repite, comunique a soporte el traceId de esta respuesta."),
    };

    /// <summary><c>$.items[2].to.address</c> → <c>items[2].to.address</c>; the whole body (<c>$</c>) stays <c>$</c>.</summary>
    public static string FieldOf(string? jsonPath) => jsonPath switch
    {
        null or "" or "$" => "$",
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
        _ when jsonPath.StartsWith('$') => jsonPath[1..],
        _ => jsonPath,
    };

    private static string JsonProblem(JsonException json)
    {
        var where = json.LineNumber is { } line ? $" (línea {line + 1}, posición {json.BytePositionInLine + 1})" : "";
        return $"El valor no tiene el tipo esperado, está fuera de rango o el JSON está incompleto{where}. Revise este campo.";
    }

    private static HttpValidationProblemDetails Validation(IEnumerable<KeyValuePair<string, string[]>> errors, string title, string detail) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = detail,
        };

    private static ProblemDetails Conflict(string title, string detail, Guid existingId)
    {
        var problem = Problem(StatusCodes.Status409Conflict, title, detail);
        problem.Extensions["existingId"] = existingId;
        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
    };
}
