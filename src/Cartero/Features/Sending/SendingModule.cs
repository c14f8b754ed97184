using Cartero.Features.Sending.Attachments;
using Cartero.Platform;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Health;
using Cartero.Platform.Secrets;
using Microsoft.EntityFrameworkCore;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Sending.Worker;
using Cartero.Features.Sending.Archive;
using Cartero.Features.Sending.Retry;
using Cartero.Features.Sending.TestSend;
using Cartero.Features.Sending.Metrics;

namespace Cartero.Features.Sending;

/// <summary>Enqueueing, the worker, manual retry and the test send.</summary>
public static class SendingModule
{
    /// <summary>The key of the <see cref="WorkSignal"/> that wakes this instance's idle send slots.</summary>
    public const string WorkSignalKey = "envio";

    public static IServiceCollection AddSending(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SendingOptions>(o =>
        {
            configuration.GetSection("Cartero:Worker").Bind(o.Worker);
            configuration.GetSection("Cartero:Retry").Bind(o.Retry);
            o.MessageIdDomain = configuration["Cartero:Mail:MessageIdDomain"] ?? o.MessageIdDomain;
        });
        services.AddAttachments(configuration);
        services.AddSingleton<EmailStateMachine>();
        services.AddSingleton<RetryPolicy>();
        services.AddKeyedSingleton<WorkSignal>(WorkSignalKey);
        services.AddSingleton<AccountCircuitBreaker>();
        services.AddSingleton<EmailClaimer>();
        services.AddSingleton<EmailTransitionWriter>();
        services.AddSingleton<EmailLogInserter>();
        services.AddSingleton<SendAttemptRecorder>();
        services.AddSingleton<OutgoingEmailFactory>();
        services.AddSingleton<ProtectedContent>();
        services.AddSingleton<ISendTimeContent, ProtectedContentOpener>();
        services.AddPagedProtectedContent<ProtectedMailBody>();
        services.AddPagedProtectedContent<ProtectedMailAttachments>();
        // A new instance id at every start: two instances (or a restart) never append to the same segment.
        services.AddSingleton(sp => new SentMessageSegments(
            sp.GetRequiredService<DataDirectory>().SentMessages, Guid.NewGuid(), SentMessageSegments.DefaultSegmentLimit,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SentMessageSegments>>()));
        services.AddSingleton<SentMessageArchive>();
        services.AddSingleton<SendingMetrics>();
        services.AddCarteroMetrics();
        services.AddSingleton<EmailRequestValidator>();
        services.AddScoped<EmailEnqueuer>();
        services.AddScoped<EmailRetryService>();
        services.AddScoped<ITestMailSender, TestMailSender>();
        services.AddHostedService<EmailDispatcher>();
        services.AddCarteroHealth().AddCheck<QueueHealthCheck>("cola");
        return services;
    }

    public static IEndpointRouteBuilder MapSending(this IEndpointRouteBuilder app)
    {
        var emails = app.MapGroup("/api/v1/emails").WithTags("Correos");

        emails.MapPost("/", async (EnqueueEmailRequest request, EmailEnqueuer enqueuer, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    var (entry, replayed) = await enqueuer.EnqueueAsync(request, http.GetActor(), EmailOrigin.Api, ct);
                    if (replayed)
                    {
                        http.Response.Headers["Idempotent-Replayed"] = "true";
                    }

                    return Results.Accepted($"/api/v1/emails/{entry.Id}", new EnqueueEmailResponse(entry.Id, entry.Status.ToCode()));
                }
                catch (EnqueueValidationException ex)
                {
                    return Results.ValidationProblem(ex.Errors, title: "La solicitud de envío tiene datos inválidos",
                        detail: "Corrija los campos indicados; no se encoló ningún correo.");
                }
                catch (IdempotencyConflictException ex)
                {
                    return Results.Problem(statusCode: 409, title: "Clave de idempotencia ya usada", detail: ex.Message,
                        extensions: new Dictionary<string, object?> { ["existingId"] = ex.ExistingId });
                }
            })
            .RequireAuthorization(CarteroPolicies.EmailsSend)
            .WithName("EncolarCorreo")
            .Produces<EnqueueEmailResponse>(202)
            .ProducesValidationProblem()
            .ProducesProblem(409);

        emails.MapPost("/batch", async (EnqueueEmailBatchRequest request, EmailEnqueuer enqueuer, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    var results = await enqueuer.EnqueueManyAsync(request.Items ?? [], http.GetActor(), EmailOrigin.Api, ct);
                    return Results.Json(new EnqueueEmailBatchResponse([.. results.Select(r => new EnqueuedBatchItem(r.Entry.Id, r.Entry.Status.ToCode(), r.Replayed))]),
                        statusCode: StatusCodes.Status202Accepted);
                }
                catch (EnqueueValidationException ex)
                {
                    return Results.ValidationProblem(ex.Errors, title: "El lote tiene correos con datos inválidos",
                        detail: "Corrija los campos indicados (items[n].campo); no se encoló ningún correo del lote.");
                }
                catch (IdempotencyConflictException ex)
                {
                    return Results.Problem(statusCode: 409, title: "Clave de idempotencia ya usada", detail: ex.Message + " No se encoló ningún correo del lote.",
                        extensions: new Dictionary<string, object?> { ["existingId"] = ex.ExistingId });
                }
            })
            .RequireAuthorization(CarteroPolicies.EmailsSend)
            .WithName("EncolarLote")
            .Produces<EnqueueEmailBatchResponse>(202)
            .ProducesValidationProblem()
            .ProducesProblem(409);

        emails.MapPost("/{id:guid}/retry", async (Guid id, EmailRetryService retries, CarteroDbContext db, Audit.IAuditTrail audit, HttpContext http, CancellationToken ct) =>
            {
                if (http.User.OwnMailOnly() is { } own && !await db.Emails.AnyAsync(e => e.Id == id && e.OriginatedBy == own, ct))
                {
                    return Results.Problem(statusCode: 404, title: "Correo no encontrado", detail: $"No existe un correo con id {id} entre los que usted puede ver.");
                }

                try
                {
                    var actor = http.GetActor();
                    if (await retries.RetryAsync(id, actor, ct) is not { } entry)
                    {
                        return Results.Problem(statusCode: 404, title: "Correo no encontrado", detail: $"No existe un correo con id {id}.");
                    }

                    await audit.RecordAsync(new Audit.AuditRecord(actor.Name, actor.Ip, Audit.AuditAction.RetryEmail, id.ToString(), new { desde = "api" }), ct);
                    return Results.Accepted($"/api/v1/emails/{entry.Id}", new EnqueueEmailResponse(entry.Id, entry.Status.ToCode()));
                }
                catch (InvalidEmailTransitionException ex)
                {
                    return Results.Problem(statusCode: 409, title: "No se puede reintentar",
                        detail: ex.Reason ?? $"Solo se reintenta un correo 'fallido'; este está en '{ex.From.ToCode()}'.");
                }
            })
            .RequireAuthorization(CarteroPolicies.EmailsRetry)
            .WithName("ReintentarCorreo")
            .Produces<EnqueueEmailResponse>(202)
            .ProducesProblem(404)
            .ProducesProblem(409);

        return app;
    }
}
