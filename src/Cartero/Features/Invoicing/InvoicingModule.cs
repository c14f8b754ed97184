using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Features.Sending;
using Cartero.Features.Sending.Enqueue;
using Cartero.Platform;
using Cartero.Platform.Auth;
using Cartero.Platform.Cli;
using Cartero.Platform.Secrets;
using Cartero.Sri;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cartero.Features.Invoicing;

/// <summary>SRI electronic invoicing: settings, the ERP's API, the background trip to the SRI and the invoice email.</summary>
public static class InvoicingModule
{
    /// <summary>Who the send log and the invoice history name for what the invoice processor does.</summary>
    public const string ProcessName = "facturacion";

    /// <summary>The key of the <see cref="WorkSignal"/> that wakes the invoice processor (invoices and credit notes).</summary>
    public const string WorkSignalKey = "facturacion";

    public static IServiceCollection AddInvoicing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SriOptions>(configuration.GetSection("Sri"));
        services.AddCliVerb<SriVerb>();
        services.AddSingleton(sp => new SriSchemaValidator(new SriSchemaOptions
        {
            SchemaDirectory = Path.GetFullPath(sp.GetRequiredService<IOptions<SriOptions>>().Value.SchemaDirectory),
        }));
        services.AddHttpClient(SriClientFactory.HttpClientName);
        services.AddSingleton<SriClientFactory>();
        services.AddSingleton<InvoiceStateMachine>();
        services.AddKeyedSingleton<WorkSignal>(WorkSignalKey);
        services.AddScoped<InvoicingSettingsService>();
        services.AddScoped<Points.IssuingPointService>();
        services.AddScoped<RideRenderer>();
        services.AddScoped<Archive.InvoiceArchive>();
        services.AddScoped<Archive.IArchiveSource, Archive.FacturaArchiveSource>();
        services.AddScoped<Archive.IArchiveSource, Archive.NotaCreditoArchiveSource>();
        services.AddCliVerb<Archive.InvoiceArchiveVerb>();
        services.AddProtectedColumn(InvoicingSecretColumns.Certificate);
        services.AddProtectedColumn(InvoicingSecretColumns.CertificatePassword);
        services.AddScoped<InvoiceSubmissionService>();
        services.AddScoped<InvoiceQueries>();
        services.AddScoped<InvoiceExport>();
        services.AddScoped<InvoiceMailer>();
        services.AddScoped<InvoiceProcessor>();
        services.Configure<InvoiceWatchOptions>(configuration.GetSection("Cartero:Invoicing"));
        services.AddScoped<InvoiceDeliveryWatch>();
        services.AddCreditNotes();
        services.AddSingleton<InvoiceProcessingService>();
        services.AddHostedService(sp => sp.GetRequiredService<InvoiceProcessingService>());
        return services;
    }

    public static IEndpointRouteBuilder MapInvoicing(this IEndpointRouteBuilder app)
    {
        app.MapInvoiceReissue();
        var invoices = app.MapGroup("/api/v1/invoices").RequireAuthorization(CarteroPolicies.InvoicesRead).WithTags("Facturas");

        invoices.MapPost("/", async (InvoiceRequest request, InvoiceSubmissionService submissions, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    var (invoice, replayed) = await submissions.SubmitAsync(request, http.GetActor(), ct);
                    if (replayed)
                    {
                        http.Response.Headers["Idempotent-Replayed"] = "true";
                    }

                    return Results.Accepted($"/api/v1/invoices/{invoice.Id}",
                        new InvoiceSubmitted(invoice.Id, invoice.Status.ToCode(), invoice.Number, invoice.AccessKey, invoice.Total));
                }
                catch (InvoiceValidationException ex)
                {
                    return Results.ValidationProblem(ex.Errors, title: "La factura tiene datos inválidos",
                        detail: "Corrija los campos indicados; no se registró la factura ni se usó un secuencial.");
                }
                catch (InvoiceIdempotencyConflictException ex)
                {
                    return Results.Problem(statusCode: 409, title: "Clave de idempotencia ya usada", detail: ex.Message,
                        extensions: new Dictionary<string, object?> { ["existingId"] = ex.ExistingId });
                }
                catch (Exception ex) when (ex is InvoicingNotReadyException or CertificadoInvalidoException)
                {
                    return Results.Problem(statusCode: 503, title: "La facturación electrónica no está lista", detail: ex.Message);
                }
            })
            .RequireAuthorization(CarteroPolicies.InvoicesWrite)
            .WithName("EmitirFactura")
            .Produces<InvoiceSubmitted>(202)
            .ProducesValidationProblem()
            .ProducesProblem(409)
            .ProducesProblem(503);

        invoices.MapPut("/{id:guid}", async (Guid id, InvoiceRequest request, InvoiceSubmissionService submissions, HttpContext http, CancellationToken ct) =>
            {
                // A state that accepts no correction (409) and invoicing not set up (503) are answered by ApiExceptionHandler.
                try
                {
                    return await submissions.CorrectAsync(id, request, http.GetActor(), ct) is { } invoice
                        ? Results.Accepted($"/api/v1/invoices/{invoice.Id}",
                            new InvoiceSubmitted(invoice.Id, invoice.Status.ToCode(), invoice.Number, invoice.AccessKey, invoice.Total))
                        : Results.Problem(statusCode: 404, title: "Factura no encontrada", detail: $"No existe una factura con id {id}.");
                }
                catch (InvoiceValidationException ex)
                {
                    return Results.ValidationProblem(ex.Errors, title: "La corrección tiene datos inválidos", detail: "Corrija los campos indicados; la factura no cambió.");
                }
            })
            .RequireAuthorization(CarteroPolicies.InvoicesWrite)
            .WithName("CorregirFactura")
            .Produces<InvoiceSubmitted>(202)
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409)
            .ProducesProblem(503);

        invoices.MapPost("/{id:guid}/email", async (Guid id, InvoiceResendRequest? request, InvoiceMailer mailer, HttpContext http, CancellationToken ct) =>
            {
                // A state that does not allow it (409) and an invalid address (400) are answered by ApiExceptionHandler.
                var actor = http.GetActor();
                return await mailer.ResendAsync(id, request?.Address, actor, EmailOrigin.Api, ct) is { } outcome
                    ? Results.Accepted($"/api/v1/emails/{outcome.EmailId}", new InvoiceMailOutcome(outcome.MailStatus, outcome.EmailId, outcome.Detail))
                    : Results.Problem(statusCode: 404, title: "Factura no encontrada", detail: $"No existe una factura con id {id}.");
            })
            .WithName("ReenviarFactura")
            .Produces<InvoiceMailOutcome>(202)
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);

        invoices.MapGet("/{id:guid}", async (Guid id, InvoiceQueries queries, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } invoice
                    ? Results.Ok(invoice)
                    : Results.Problem(statusCode: 404, title: "Factura no encontrada", detail: $"No existe una factura con id {id}."))
            .WithName("ConsultarFactura")
            .Produces<InvoiceDto>()
            .ProducesProblem(404);

        invoices.MapGet("/", async (string? status, string? reference, string? accessKey, string? from, string? until, Guid? before, int? limit, InvoiceQueries queries, CancellationToken ct) =>
                ParseFilter(status, reference, accessKey, from, until, out var filter) is { } errors
                    ? Results.ValidationProblem(errors, title: "Filtro inválido")
                    : Results.Ok(await queries.ListAsync(filter, before, limit ?? 50, ct)))
            .WithName("ListarFacturas")
            .Produces<IReadOnlyList<InvoiceDto>>()
            .ProducesValidationProblem();

        invoices.MapGet("/export", async (string? status, string? reference, string? accessKey, string? from, string? until, InvoiceExport export, HttpContext http, CancellationToken ct) =>
            {
                if (ParseFilter(status, reference, accessKey, from, until, out var filter) is { } errors)
                {
                    return Results.ValidationProblem(errors, title: "Filtro inválido");
                }

                await export.WriteAsync(filter, http, ct);
                return Results.Empty;
            })
            .WithName("ExportarFacturas")
            .Produces(200, contentType: "text/csv")
            .ProducesValidationProblem();

        invoices.MapGet("/archive", async (string? month, Archive.InvoiceArchive archive, HttpContext http, CancellationToken ct) =>
            {
                if (Archive.InvoiceArchiveEndpoints.ParseMonth(month) is not { } period)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["month"] = [Archive.InvoiceArchiveEndpoints.MonthProblem] }, title: "Mes inválido");
                }

                await Archive.InvoiceArchiveEndpoints.WriteAsync(archive, http, period, ct);
                return Results.Empty;
            })
            .WithName("ArchivoContable")
            .Produces(200, contentType: "application/zip")
            .ProducesValidationProblem();

        invoices.MapGet("/{id:guid}/xml", async (Guid id, InvoiceQueries queries, CancellationToken ct) =>
                await queries.AuthorizedXmlAsync(id, ct) switch
                {
                    null => Results.Problem(statusCode: 404, title: "Factura no encontrada", detail: $"No existe una factura con id {id}."),
                    { Xml: null } => Results.Problem(statusCode: 409, title: "Factura no autorizada", detail: "El SRI aún no autoriza esta factura; el XML autorizado estará disponible después."),
                    { } found => Results.File(System.Text.Encoding.UTF8.GetBytes(found.Xml), "application/xml", $"factura-{found.Number}.xml"),
                })
            .WithName("DescargarXmlAutorizado");

        invoices.MapGet("/{id:guid}/ride", async (Guid id, InvoiceQueries queries, CancellationToken ct) =>
                await queries.RideAsync(id, ct) switch
                {
                    null => Results.Problem(statusCode: 404, title: "Factura no encontrada", detail: $"No existe una factura con id {id}."),
                    { Pdf: null } => Results.Problem(statusCode: 409, title: "Factura no autorizada", detail: "El RIDE se genera del XML autorizado; el SRI aún no autoriza esta factura."),
                    { } found => Results.File(found.Pdf, "application/pdf", $"RIDE-factura-{found.Number}.pdf"),
                })
            .WithName("DescargarRide");

        var settings = app.MapGroup("/api/v1/settings/invoicing").RequireAuthorization(CarteroPolicies.InvoicingAdmin).WithTags("Configuración");
        settings.MapGet("/", async (InvoicingSettingsService service, CancellationToken ct) => Results.Ok(await service.GetAsync(ct)))
            .WithName("VerConfiguracionFacturacion")
            .Produces<InvoicingSettingsView>();
        settings.MapPut("/", async (InvoicingSettingsUpdate update, InvoicingSettingsService service, HttpContext http, CancellationToken ct) =>
            {
                // A stale version is answered 409 by ApiExceptionHandler.
                var (view, errors) = await service.UpdateAsync(update, http.GetActor(), ct);
                return view is null
                    ? Results.ValidationProblem(errors, title: "La configuración de facturación tiene datos inválidos", detail: "No se guardó nada; corrija los campos indicados.")
                    : Results.Ok(view);
            })
            .WithName("CambiarConfiguracionFacturacion")
            .Produces<InvoicingSettingsView>()
            .ProducesValidationProblem()
            .ProducesProblem(409);
        Points.IssuingPointEndpoints.MapIssuingPoints(app);
        app.MapCreditNotes();
        return app;
    }

    /// <summary>The query's filter, or the problems of its fields (Spanish, per field).</summary>
    public static Dictionary<string, string[]>? ParseFilter(string? status, string? reference, string? accessKey, string? from, string? until, out InvoiceFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        InvoiceStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (InvoiceStatusCodes.TryParse(status, out var st))
            {
                parsedStatus = st;
            }
            else
            {
                errors["status"] = [$"Estado «{status}» desconocido: use {string.Join(", ", InvoiceStatusCodes.All)}."];
            }
        }

        DateOnly? Date(string? value, string field)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
            {
                return d;
            }

            errors[field] = [$"«{value}» no es una fecha aaaa-mm-dd."];
            return null;
        }

        filter = new InvoiceFilter(parsedStatus, string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(),
            string.IsNullOrWhiteSpace(accessKey) ? null : accessKey.Trim(), Date(from, "from"), Date(until, "until"));
        return errors.Count > 0 ? errors : null;
    }
}
