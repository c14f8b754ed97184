using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Secrets;

/// <summary>
/// Refuses to start when stored secrets cannot be decrypted (key missing or wrong), instead of failing later
/// at the first send or, worse, silently. Runs after the migrations.
/// </summary>
internal sealed class SecretsStartupCheck(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        // The embedded default creates its key on the first start, not at the first secret.
        _ = scope.ServiceProvider.GetRequiredService<MasterKeyRing>().Current;
        var secrets = await db.MailSettings.AsNoTracking()
            .Select(s => new[] { s.PasswordEncrypted, s.ApiKeyEncrypted })
            .ToListAsync(cancellationToken);
        foreach (var value in secrets.SelectMany(s => s).OfType<string>())
        {
            protector.Unprotect(value);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
