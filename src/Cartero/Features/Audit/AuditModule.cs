namespace Cartero.Features.Audit;

/// <summary>The audit trail: service, endpoints and verbs.</summary>
public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app) => app;
}
