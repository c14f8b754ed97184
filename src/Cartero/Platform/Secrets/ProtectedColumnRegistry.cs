using Cartero.Platform.Data;

namespace Cartero.Platform.Secrets;

/// <summary>
/// Every protected value Cartero stores, one entry per column (contributed by the owning features with
/// <see cref="SecretsModule.AddProtectedColumn"/>). The start-up check and <c>keys rotate</c> walk it, so a new kind
/// of secret is covered by both as soon as it is registered.
/// </summary>
public sealed class ProtectedColumnRegistry
{
    public ProtectedColumnRegistry(IEnumerable<IProtectedColumn> columns)
    {
        Columns = [.. columns];
        if (Columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"La columna protegida '{twice.Key}' está registrada dos veces.");
        }
    }

    public IReadOnlyList<IProtectedColumn> Columns { get; }

    /// <summary>
    /// Loads (tracked) and decrypts every registered value; a value in an older form (<c>v1</c>, or plain text where
    /// the column allows it) is opened as such and flagged for upgrade. Failures are collected, never thrown one by one,
    /// so an operator sees every broken value at once.
    /// </summary>
    public async Task<ProtectedValueScan> OpenAllAsync(CarteroDbContext db, ISecretProtector protector, CancellationToken cancellationToken)
    {
        var opened = new List<OpenedValue>();
        var failures = new List<string>();
        foreach (var column in Columns)
        {
            foreach (var cell in await column.LoadAsync(db, cancellationToken))
            {
                try
                {
                    opened.Add(Open(cell, protector));
                }
                catch (SecretKeyException ex)
                {
                    // The protector's message already names the table, column and row.
                    failures.Add($"{column.Label}: {ex.Message} Si el valor ya no se puede recuperar: {column.IfLost}");
                }
            }
        }

        return new ProtectedValueScan(opened, failures);
    }

    private static OpenedValue Open(ProtectedCell cell, ISecretProtector protector)
    {
        if (SecretFormat.IsCurrent(cell.Stored))
        {
            return new OpenedValue(cell, protector.Unprotect(cell.Stored, cell.Purpose), NeedsUpgrade: false);
        }

        if (SecretFormat.IsLegacy(cell.Stored))
        {
            return new OpenedValue(cell, protector.UnprotectLegacy(cell.Stored, cell.Purpose), NeedsUpgrade: true);
        }

        return cell.Column.UpgradesPlainText
            ? new OpenedValue(cell, cell.Stored, NeedsUpgrade: true)
            : throw new SecretKeyException($"El valor de {cell.Purpose} no es un secreto cifrado por Cartero (formato desconocido).");
    }
}
