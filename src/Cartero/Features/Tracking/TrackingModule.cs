using Cartero.Features.Sending;
using Cartero.Features.Sending.Worker;
using Cartero.Platform.Auth;
using Cartero.Platform.Cli;
using Microsoft.AspNetCore.Mvc;

namespace Cartero.Features.Tracking;

/// <summary>Reports from the receiving side: the applier, the suppression list, the SendGrid webhook and the open pixel.</summary>
public static partial class TrackingModule
{
    private static readonly byte[] TransparentGif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IServiceCollection AddTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TrackingOptions>(configuration.GetSection("Cartero:Tracking"));
        services.AddScoped<DeliveryReportApplier>();
        services.AddScoped<IRecipientSuppression, RecipientSuppression>();
        services.AddScoped<SuppressionService>();
        services.AddScoped<TrackingSettingsService>();
        services.AddScoped<WebhookInbox>();
        services.AddScoped<WaitingReportList>();
        services.AddSingleton<WaitingReportPass>();
        services.AddHostedService<WaitingReportService>();
        services.AddSingleton<OpenPixelSigner>();
        services.AddSingleton<OpenPixel>();
        services.AddSingleton<IOpenPixel>(sp => sp.GetRequiredService<OpenPixel>());
        services.AddCliVerb<WebhookReplayVerb>();
        return services;
    }

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        MapSuppressions(app);
        MapSettings(app);

        app.MapPost("/webhooks/sendgrid", ReceiveSendGridAsync)
            .AllowAnonymous()
            .WithTags("Seguimiento")
            .WithName("WebhookSendGrid")
            .Produces<WebhookReceived>()
            .ProducesProblem(401)
            .ProducesProblem(403)
            .ProducesProblem(404)
            .ProducesProblem(413);

        app.MapGet("/t/a/{id:guid}/{key}/{mac}", OpenedAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static void MapSuppressions(IEndpointRouteBuilder app)
    {
        var suppressions = app.MapGroup("/api/v1/suppressions").RequireAuthorization(CarteroPolicies.Admin).WithTags("Supresión");

        suppressions.MapGet("/", async (string? q, int? limit, SuppressionService service, CancellationToken ct) =>
                Results.Ok(await service.SearchAsync(q, limit ?? 50, ct)))
            .WithName("VerListaSupresion")
            .Produces<List<SuppressionView>>();

        suppressions.MapPost("/", async (SuppressionRequest request, SuppressionService service, HttpContext http, CancellationToken ct) =>
            {
                var (entry, created, errors) = await service.AddAsync(request, http.GetActor(), ct);
                if (entry is null)
                {
                    return Results.ValidationProblem(errors, title: "La dirección a suprimir tiene datos inválidos", detail: "No se agregó nada; corrija los campos indicados.");
                }

                return created ? Results.Created($"/api/v1/suppressions/{Uri.EscapeDataString(entry.Address)}", entry) : Results.Ok(entry);
            })
            .WithName("AgregarSupresion")
            .Produces<SuppressionView>(201)
            .Produces<SuppressionView>()
            .ProducesValidationProblem();

        suppressions.MapDelete("/{address}", async (string address, SuppressionService service, HttpContext http, CancellationToken ct) =>
                await service.RemoveAsync(address, http.GetActor(), ct)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: 404, title: "Dirección no suprimida", detail: $"La dirección {address} no está en la lista de supresión; el correo a ella ya se envía."))
            .WithName("QuitarSupresion")
            .Produces(204)
            .ProducesProblem(404);
    }

    private static void MapSettings(IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/settings/mail/tracking").RequireAuthorization(CarteroPolicies.Admin).WithTags("Configuración");

        settings.MapGet("/", async (TrackingSettingsService service, CancellationToken ct) => Results.Ok(await service.GetAsync(ct)))
            .WithName("VerConfiguracionSeguimiento")
            .Produces<TrackingSettingsView>();

        settings.MapPut("/", async (TrackingSettingsUpdate update, TrackingSettingsService service, OpenPixel pixel, HttpContext http, CancellationToken ct) =>
            {
                var (view, errors) = await service.UpdateAsync(update, http.GetActor(), ct);
                if (view is null)
                {
                    return Results.ValidationProblem(errors, title: "La configuración de seguimiento tiene datos inválidos", detail: "No se guardó nada; corrija los campos indicados.");
                }

                pixel.Invalidate();
                return Results.Ok(view);
            })
            .WithName("CambiarConfiguracionSeguimiento")
            .Produces<TrackingSettingsView>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> ReceiveSendGridAsync(HttpContext http, TrackingSettingsService settings, WebhookInbox inbox,
        Microsoft.Extensions.Options.IOptions<TrackingOptions> options, TimeProvider time, CancellationToken ct)
    {
        var current = await settings.LoadAsync(ct);
        if (!current.SendGridWebhookEnabled)
        {
            return Results.Problem(statusCode: 404, title: "Webhook desactivado",
                detail: "El webhook de eventos de SendGrid está desactivado en Cartero (Configuración → Seguimiento).");
        }

        if (current.SendGridPublicKey is null)
        {
            return Results.Problem(statusCode: 403, title: "Webhook sin clave de verificación",
                detail: "Configure la clave de verificación de SendGrid en Configuración → Seguimiento; sin ella no se acepta ningún lote.");
        }

        var body = await ReadBodyAsync(http.Request, options.Value.MaxWebhookBytes, ct);
        if (body is null)
        {
            return Results.Problem(statusCode: 413, title: "Lote demasiado grande", detail: $"El lote supera {options.Value.MaxWebhookBytes} bytes.");
        }

        var timestamp = http.Request.Headers[SendGridSignature.TimestampHeader].ToString();
        var check = SendGridSignature.Verify(current.SendGridPublicKey, http.Request.Headers[SendGridSignature.SignatureHeader].ToString(), timestamp, body,
            time.GetUtcNow(), TimeSpan.FromSeconds(current.SendGridToleranceSeconds));
        if (!check.Valid)
        {
            return Results.Problem(statusCode: check.Missing ? 401 : 403, title: check.Missing ? "Lote sin firma" : "Firma rechazada", detail: check.Detail);
        }

        // Durable first: SendGrid retries for 24 hours whatever is not answered 2xx, and the inbox is what replay reads.
        var item = await inbox.StoreAsync(body, timestamp, check, ct);
        var result = await inbox.ApplyAsync(item.Id, ct);
        return Results.Ok(new WebhookReceived(item.Id, result?.Describe() ?? ""));
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<IResult> OpenedAsync(Guid id, string key, string mac, OpenPixelSigner signer, IServiceScopeFactory scopes,
        TimeProvider time, ILoggerFactory logs, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store, private";
        if (key.Length <= 64 && mac.Length <= 64 && signer.IsValid(id, key, mac))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var now = time.GetUtcNow().UtcDateTime;
                // Loads of the same image within a minute (a client showing it twice, a prefetch) are one open.
                var minute = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
                await scope.ServiceProvider.GetRequiredService<DeliveryReportApplier>().ApplyAsync(
                    new DeliveryReport(DeliveryReportKind.Opened, minute, DeliveryReportSource.Pixel, EmailId: id), ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The recipient's mail client gets its image whatever happens here; the open is lost, not the page.
                LogPixelFailed(logs.CreateLogger("Cartero.Features.Tracking.OpenPixel"), ex, id);
            }
        }

        return Results.File(TransparentGif, "image/gif");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No se pudo registrar la apertura del correo {EmailId}")]
    private static partial void LogPixelFailed(ILogger logger, Exception exception, Guid emailId);
}
