using Cartero.Platform.Auth;
using Cartero.Platform.Cli;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Audit;

/// <summary>The audit trail: service, endpoints and verbs.</summary>
public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration("Cartero:Audit");
        services.AddSingleton<ChainKeys>();
        services.AddSingleton<ChainCheckpointStore>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<ChainSealer>();
        services.AddScoped<ChainCheckpointWriter>();
        services.AddScoped<ChainIntegrity>();
        services.AddHostedService<ChainCheckpointService>();
        services.AddCliVerb<AuditVerifyVerb>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").RequireAuthorization(CarteroPolicies.Admin).WithTags("Auditoría");

        audit.MapGet("/", async (long? after, int? limit, Platform.Data.CarteroDbContext db, CancellationToken ct) =>
            {
                var size = Math.Clamp(limit ?? 50, 1, 500);
                var q = db.AuditEntries.AsNoTracking();
                if (after is { } cursor)
                {
                    q = q.Where(a => a.Id < cursor);
                }

                var rows = await q.OrderByDescending(a => a.Id).Take(size + 1).ToListAsync(ct);
                var next = rows.Count > size ? rows[size - 1].Id : (long?)null;
                return Results.Ok(new
                {
                    items = rows.Take(size).Select(a => new AuditEntryDto(a.Id, a.OccurredAt, a.Actor, a.ActorIp, a.Action, a.Target, a.Details, a.PreviousHash, a.Hash, a.KeyId)),
                    nextCursor = next,
                });
            })
            .WithName("ListarAuditoria");

        audit.MapGet("/verify", async (ChainIntegrity integrity, CancellationToken ct) => Results.Ok(await integrity.VerifyAsync(ct)))
            .WithName("VerificarAuditoria")
            .Produces<IntegrityReport>();
        return app;
    }
}
