using Cartero.Features.Audit;
using Cartero.Features.Audit.Details;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Cartero.Features.Accounts;

/// <summary>Mails a recovery link for each queued request whose address belongs to an active account; the rest are dropped silently.</summary>
public sealed partial class RecoveryRequestService(RecoveryRequests requests, IServiceScopeFactory scopes, ILogger<RecoveryRequestService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HandleAsync(request, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The person can ask again; the address itself is not logged.
                LogFailed(log, ex);
            }
        }
    }

    internal async Task HandleAsync(RecoveryRequest request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CarteroUser>>();
        if (await users.FindByEmailAsync(request.Address) is not { } user || user.LockoutEnd == DateTimeOffset.MaxValue)
        {
            return;
        }

        var entry = await scope.ServiceProvider.GetRequiredService<PasswordLinkMailer>().SendAsync(user, invitation: false, request.Ip, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(
            AuditRecord.Of("anonimo", request.Ip, AuditAction.RequestPasswordRecovery, user.Email, new RecoveryRequestDetails(entry.Id)), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No se pudo atender una solicitud de recuperación de contraseña; quien la pidió puede volver a pedirla")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
