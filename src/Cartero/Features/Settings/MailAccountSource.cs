using Cartero.Features.Providers;
using Cartero.Platform;
using Cartero.Platform.Data;
using Cartero.Platform.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Settings;

/// <summary>
/// The account the worker uses: one cheap version query per call, the row read and decrypted only when the
/// version changed (also by another instance). Without a row: the pickup provider (.eml files).
/// </summary>
public sealed partial class MailAccountSource(IServiceScopeFactory scopes, ISecretProtector secrets, DataDirectory data, ILogger<MailAccountSource> log) : IMailAccountSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MailAccount? _cached;
    private bool _announcedPickup;

    public async ValueTask<MailAccount> GetCurrentAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        var version = await db.MailSettings.AsNoTracking().Where(s => s.Id == MailAccountSettings.SingletonId).Select(s => (int?)s.Version).FirstOrDefaultAsync(cancellationToken) ?? 0;
        if (_cached is { } hit && hit.Version == version)
        {
            return hit;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var row = await db.MailSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == MailAccountSettings.SingletonId, cancellationToken);
            _cached = row is null
                ? MailAccountFactory.Pickup(data, MailSettingsService.DefaultFrom)
                : MailAccountFactory.Create(row, secrets, data);
            if (row is null && !_announcedPickup)
            {
                _announcedPickup = true;
                LogPickup(log, data.Outbox);
            }

            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No hay cuenta de envío configurada: los correos se guardan como archivos .eml en {Folder}. Configúrela en el panel o con PUT /api/v1/settings/mail.")]
    private static partial void LogPickup(ILogger logger, string folder);
}
