using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Cartero.Platform.Data;

/// <summary>
/// Answers 503 with <c>Retry-After</c> and a Spanish problem when a request fails because the database cannot be written
/// or reached, so a caller (the ERP) knows to retry later instead of reading a 500 as "your request was wrong". Every
/// other exception is left to the other handlers (it returns false), so the order of registration does not matter.
/// </summary>
public sealed partial class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableExceptionHandler> log) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseUnavailable.Find(exception) is not { } cause || httpContext.Response.HasStarted)
        {
            return false;
        }

        var storage = cause is StorageUnavailableException;
        // The type and message say what failed (read-only, disk full, connection refused); never the connection string.
        LogUnavailable(log, cause.GetType().Name, cause.Message, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = storage ? "Almacenamiento no disponible" : "Base de datos no disponible",
                Detail = (storage
                             ? "No se pudo escribir en la carpeta de datos (adjuntos); no se guardó nada. "
                             : "La base de datos no acepta escrituras o no responde en este momento; no se guardó nada. ") +
                         $"Vuelva a intentar en {RetryAfterSeconds} segundos; si persiste, avise al administrador (revise espacio en disco, permisos de los archivos o el servidor PostgreSQL).",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Base de datos no disponible ({Type}: {Reason}) al atender {Path}; se respondió 503")]
    private static partial void LogUnavailable(ILogger logger, string type, string reason, PathString path);
}
