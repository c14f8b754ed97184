using Cartero.Platform.Auth;
using Cartero.Platform.Cli;

namespace Cartero.Features.Tracking.Proof;

/// <summary>The proof of delivery (<c>constancia de envío</c>): services, the API endpoint and the <c>proof verify</c> verb.</summary>
public static class ProofModule
{
    public static IServiceCollection AddProof(this IServiceCollection services)
    {
        services.AddSingleton<ProofKeys>();
        services.AddSingleton<ProofSigner>();
        services.AddScoped<DeliveryProofService>();
        services.AddCliVerb<ProofVerifyVerb>();
        return services;
    }

    public static IEndpointRouteBuilder MapProof(this IEndpointRouteBuilder app)
    {
        // Who may export the send log may hand out its proofs: keys, admin, gerente, soporte.
        app.MapGet("/api/v1/emails/{id:guid}/proof", async (Guid id, string? format, DeliveryProofService proofs, HttpContext http, CancellationToken ct) =>
            {
                if (format is not (null or "zip" or "json" or "pdf"))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Formato desconocido: use zip (PDF y JSON), json o pdf."] },
                        title: "Formato inválido");
                }

                if (await proofs.CreateAsync(id, http.GetActor(), "api", ct) is not { } proof)
                {
                    return Results.Problem(statusCode: 404, title: "Correo no encontrado", detail: $"No existe un correo con id {id}.");
                }

                http.Response.Headers.CacheControl = "no-store";
                return format switch
                {
                    "json" => Results.File(proof.Json, "application/json", $"{proof.FileStem}.json"),
                    "pdf" => Results.File(proof.Pdf, "application/pdf", $"{proof.FileStem}.pdf"),
                    _ => Results.File(DeliveryProofService.Zip(proof), "application/zip", $"{proof.FileStem}.zip"),
                };
            })
            .RequireAuthorization(CarteroPolicies.EmailsExport)
            .WithTags("Correos")
            .WithName("ConstanciaDeEnvio")
            .Produces(200, contentType: "application/zip")
            .ProducesProblem(404)
            .ProducesValidationProblem();
        return app;
    }
}
