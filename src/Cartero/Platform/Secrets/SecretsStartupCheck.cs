using Cartero.Platform.Data;

namespace Cartero.Platform.Secrets;

/// <summary>
/// Refuses to start when a registered protected value cannot be decrypted (key missing or wrong, value altered or
/// moved), instead of failing later at the first send or signature, or silently. The in-memory entries are opened in
/// full; the paged (clinical) content by key id and one sample per key id (<see cref="ProtectedColumnRegistry.VerifyPagedKeysAsync"/>). Values still in an older form are
/// upgraded in place, in one transaction. Runs after the migrations.
/// </summary>
internal sealed partial class SecretsStartupCheck(IServiceProvider services, ILogger<SecretsStartupCheck> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CarteroDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var registry = scope.ServiceProvider.GetRequiredService<ProtectedColumnRegistry>();
        // The embedded default creates its key on the first start, not at the first secret.
        var ring = scope.ServiceProvider.GetRequiredService<MasterKeyRing>();
        _ = ring.Current;
        // The paged content (clinical documents and mail) is checked by the key ids it names and one sample per key id,
        // not opened in full: start-up time does not grow with the clinical history. Before the tracked rows load.
        var pagedFailures = await registry.VerifyPagedKeysAsync(db, protector, ring.Ids, cancellationToken);
        var scan = await registry.OpenAllAsync(db, protector, cancellationToken);
        var failures = pagedFailures.Concat(scan.Failures).ToList();
        if (failures.Count > 0)
        {
            throw new SecretKeyException(
                $"Cartero no puede iniciar: {failures.Count} valor(es) protegido(s) de la base de datos no se pueden descifrar. " +
                "Restaure la carpeta de claves (o la configuración Cartero:Secrets) y la base de datos que le corresponde, y vuelva a iniciar." +
                Environment.NewLine + string.Join(Environment.NewLine, failures.Select(f => "- " + f)));
        }

        var upgrades = scan.Opened.Where(o => o.NeedsUpgrade).ToList();
        if (upgrades.Count == 0)
        {
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var value in upgrades)
        {
            value.Cell.Write(protector.Protect(value.Plaintext, value.Cell.Purpose));
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        foreach (var column in upgrades.GroupBy(u => u.Cell.Column.Name, StringComparer.Ordinal))
        {
            LogUpgraded(log, column.Count(), column.Key, SecretFormat.Current);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} valor(es) protegido(s) de {Column} convertidos al formato {Format} (ligado a tabla, columna y fila).")]
    private static partial void LogUpgraded(ILogger logger, int count, string column, string format);
}
