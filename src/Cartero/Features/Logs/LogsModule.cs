using Cartero.Platform.Auth;
using Cartero.Platform.Web;

namespace Cartero.Features.Logs;

/// <summary>Reading the send log: queries and endpoints.</summary>
public static class LogsModule
{
    public static IServiceCollection AddLogs(this IServiceCollection services) =>
        services.AddScoped<EmailLogQueries>().AddScoped<EmailLogExporter>().AddScoped<EmailLogExport>();

    public static IEndpointRouteBuilder MapLogs(this IEndpointRouteBuilder app)
    {
        var emails = app.MapGroup("/api/v1/emails").WithTags("Correos");

        emails.MapGet("/{id:guid}", async (Guid id, EmailLogQueries queries, HttpContext http, CancellationToken ct) =>
                await queries.GetWithEventsAsync(id, ct) is { } entry && (http.User.OwnMailOnly() is not { } own || entry.OriginatedBy == own)
                    ? Results.Ok(entry.ToDetail())
                    : Results.Problem(statusCode: 404, title: "Correo no encontrado", detail: $"No existe un correo con id {id} entre los que usted puede ver."))
            .RequireAuthorization(CarteroPolicies.EmailsRead)
            .WithName("ObtenerCorreo")
            .Produces<EmailDetailDto>()
            .ProducesProblem(404);

        emails.MapGet("/export", async ([AsParameters] EmailListQuery query, string? format, string? separator, EmailLogExport export, HttpContext http, CancellationToken ct) =>
            {
                var valid = query.TryParse(out var filter, out _, out _, out var errors);
                if (format is not (null or "csv" or "xlsx"))
                {
                    errors["format"] = ["Formato desconocido: use csv o xlsx."];
                    valid = false;
                }

                if (separator is not (null or "comma" or "semicolon"))
                {
                    errors["separator"] = ["Separador desconocido: use comma (coma) o semicolon (punto y coma)."];
                    valid = false;
                }

                if (!valid)
                {
                    return Results.ValidationProblem(errors, title: "Filtros inválidos");
                }

                await export.WriteAsync(filter, format ?? "csv", http, ct, separator == "semicolon" ? ';' : ',');
                return Results.Empty;
            })
            .RequireAuthorization(CarteroPolicies.EmailsExport)
            .WithName("ExportarCorreos")
            .Produces(200, contentType: "text/csv")
            .ProducesValidationProblem();

        emails.MapGet("/", async ([AsParameters] EmailListQuery query, EmailLogQueries queries, HttpContext http, CancellationToken ct) =>
            {
                if (!query.TryParse(out var filter, out var cursor, out var limit, out var errors))
                {
                    return Results.ValidationProblem(errors, title: "Filtros inválidos");
                }

                if (http.User.OwnMailOnly() is { } own)
                {
                    filter = filter with { OriginatedBy = own };
                }

                var (items, next) = await queries.PageAsync(filter, cursor, limit, ct);
                return Results.Ok(new EmailPageDto(items.Select(e => e.ToSummary()).ToList(), next?.Encode()));
            })
            .RequireAuthorization(CarteroPolicies.EmailsRead)
            .WithName("ListarCorreos")
            .Produces<EmailPageDto>()
            .ProducesValidationProblem();

        return app;
    }
}
