using Cartero.Features.Sending.Archive;
using Cartero.Features.Sending.Attachments;
using Cartero.Features.Sending.Enqueue;
using Cartero.Features.Sending.Metrics;
using Cartero.Features.Sending.Retry;
using Cartero.Features.Sending.TestSend;
using Cartero.Features.Sending.Worker;
using Cartero.Platform;
using Cartero.Platform.Auth;
using Cartero.Platform.Data;
using Cartero.Platform.Health;
using Cartero.Platform.Secrets;
using Microsoft.EntityFrameworkCore;

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
        app.MapGroup("/api/v1/emails").WithTags("Correos")
            .MapEnqueue()
            .MapRetry();
        return app;
    }
}
