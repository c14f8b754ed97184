using Cartero.Platform.Data;

namespace Cartero.Platform.Secrets;

/// <summary>
/// Every protected value Cartero stores, one entry per column (contributed by the owning features with
/// <see cref="SecretsModule.AddProtectedColumn"/>). The start-up check and <c>keys rotate</c> walk it, so a new kind
/// of secret is covered by both as soon as it is registered.
/// </summary>
public sealed class ProtectedColumnRegistry
{
    /// <summary>Rows per page of an <see cref="IPagedProtectedContent"/>: a clinical PDF can be a few MB, so a page stays small.</summary>
    public const int PageSize = 200;

    public ProtectedColumnRegistry(IEnumerable<IProtectedColumn> columns, IEnumerable<IPagedProtectedContent> paged)
    {
        Columns = [.. columns];
        Paged = [.. paged];
        if (Columns.Select(c => c.Name).Concat(Paged.Select(p => p.Name)).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"La columna protegida '{twice.Key}' está registrada dos veces.");
        }
    }

    public IReadOnlyList<IProtectedColumn> Columns { get; }

    /// <summary>The entries read a page at a time (<see cref="VerifyPagedAsync"/>, <see cref="ReprotectPagedAsync"/>).</summary>
    public IReadOnlyList<IPagedProtectedContent> Paged { get; }

    /// <summary>
    /// Opens every value of the paged entries, a page at a time; one line per value that does not open. Clears the
    /// context's change tracker between pages, so call it before <see cref="OpenAllAsync"/>, whose rows stay tracked.
    /// </summary>
    public async Task<IReadOnlyList<string>> VerifyPagedAsync(CarteroDbContext db, ISecretProtector protector, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var entry in Paged)
        {
            await foreach (var value in ValuesAsync(db, entry, cancellationToken))
            {
                try
                {
                    _ = Open(value.Purpose, value.Stored, protector);
                }
                catch (SecretKeyException ex)
                {
                    failures.Add($"{entry.Label}: {ex.Message} Si el valor ya no se puede recuperar: {entry.IfLost}");
                }
            }
        }

        return failures;
    }

    /// <summary>
    /// The start-up check of the paged entries: every key id their values name must be in the key ring, and one value per
    /// key id (the first found, in entry and row order) is opened, which tells a wrong key file of the right name apart.
    /// Nothing else is decrypted, so a single altered or moved value is not found here but where it is read (its
    /// document or mail fails to open, naming the row). One line per entry and key id that fails.
    /// </summary>
    public async Task<IReadOnlyList<string>> VerifyPagedKeysAsync(
        CarteroDbContext db, ISecretProtector protector, IReadOnlyCollection<string> availableKeyIds, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        // Per key id: null once a sample opened, else why it did not.
        var outcome = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in Paged)
        {
            foreach (var use in await entry.KeyIdUsesAsync(db, availableKeyIds, cancellationToken))
            {
                string? reason;
                if (use.KeyId is { } id && outcome.TryGetValue(id, out var known))
                {
                    reason = known;
                }
                else
                {
                    try
                    {
                        _ = Open(use.Sample.Purpose, use.Sample.Stored, protector);
                        reason = null;
                    }
                    catch (SecretKeyException ex)
                    {
                        reason = ex.Message;
                    }

                    if (use.KeyId is { } opened)
                    {
                        outcome[opened] = reason;
                    }
                }

                if (reason is not null)
                {
                    var which = use.KeyId is { } k ? $"cifrado(s) con la clave '{k}'" : "que no son secretos cifrados por Cartero";
                    failures.Add($"{entry.Label} ({entry.Name}): {use.Count} valor(es) {which}, el primero en {use.Sample.Purpose}. {reason} " +
                        $"Si el valor ya no se puede recuperar: {entry.IfLost}");
                }
            }
        }

        db.ChangeTracker.Clear();
        return failures;
    }

    /// <summary>
    /// Re-encrypts every value of the paged entries with the current key, saving page by page inside the caller's
    /// transaction. Run it after <see cref="VerifyPagedAsync"/> found nothing broken, and after saving any tracked rows.
    /// </summary>
    public async Task<PagedRotation> ReprotectPagedAsync(CarteroDbContext db, ISecretProtector protector, CancellationToken cancellationToken)
    {
        var perEntry = new Dictionary<string, int>(StringComparer.Ordinal);
        var afterCommit = new List<Action>();
        foreach (var entry in Paged)
        {
            var count = 0;
            Guid? after = null;
            do
            {
                db.ChangeTracker.Clear();
                var page = await entry.ReadPageAsync(db, after, PageSize, cancellationToken);
                foreach (var value in page.Values)
                {
                    var plain = Open(value.Purpose, value.Stored, protector);
                    if (await value.WriteAsync(protector.Protect(plain, value.Purpose), cancellationToken) is { } cleanUp)
                    {
                        afterCommit.Add(cleanUp);
                    }

                    count++;
                }

                await db.SaveChangesAsync(cancellationToken);
                after = page.Next;
            }
            while (after is not null);

            perEntry[entry.Name] = count;
        }

        db.ChangeTracker.Clear();
        return new PagedRotation(perEntry, afterCommit);
    }

    private static async IAsyncEnumerable<PagedValue> ValuesAsync(
        CarteroDbContext db, IPagedProtectedContent entry, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        do
        {
            db.ChangeTracker.Clear();
            var page = await entry.ReadPageAsync(db, after, PageSize, cancellationToken);
            foreach (var value in page.Values)
            {
                yield return value;
            }

            after = page.Next;
        }
        while (after is not null);

        db.ChangeTracker.Clear();
    }

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

    private static string Open(SecretPurpose purpose, string stored, ISecretProtector protector) =>
        SecretFormat.IsLegacy(stored) ? protector.UnprotectLegacy(stored, purpose) : protector.Unprotect(stored, purpose);

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
