namespace Cartero.Features.Sending.Attachments;

/// <summary>Registers the attachment store and its limits (<c>Cartero:Attachments</c>).</summary>
public static class AttachmentsModule
{
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AttachmentLimits>(configuration.GetSection("Cartero:Attachments"));
        services.AddSingleton<AttachmentValidator>();
        services.AddSingleton<AttachmentStore>();
        return services;
    }
}
