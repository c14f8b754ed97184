using Cartero.Platform.Data;

namespace Cartero.Platform.Secrets;

/// <summary>
/// Protected values too many or too large to load at once (clinical documents, the encrypted body and attachments of
/// clinical mail): listed in the <see cref="ProtectedColumnRegistry"/> like an <see cref="IProtectedColumn"/>, but read
/// and rewritten a page at a time, keyset by row id, so <c>keys rotate</c> and the start-up check cover them in bounded memory.
/// </summary>
public interface IPagedProtectedContent
{
    /// <summary>Unique name in the registry and in the rotation's audit record, e.g. <c>documento_clinico.contenido_cifrado</c>.</summary>
    string Name { get; }

    /// <summary>What the value is, in Spanish, for an operator.</summary>
    string Label { get; }

    /// <summary>What to do, in Spanish, when the value cannot be recovered even with the key folder restored.</summary>
    string IfLost { get; }

    /// <summary>
    /// The values of at most <paramref name="size"/> rows after the row <paramref name="after"/> (from the start when null),
    /// in the database's order of the row id, tracked by <paramref name="db"/> so a write is saved with it.
    /// </summary>
    Task<ProtectedPage> ReadPageAsync(CarteroDbContext db, Guid? after, int size, CancellationToken cancellationToken);

    /// <summary>
    /// Which master keys the stored values name, without decrypting them: one <see cref="KeyIdUse"/> per key id (and one
    /// for values that name none), with how many values and the first of them in row order as the sample. The
    /// start-up check needs only this. By default every page is read; an entry whose values sit in one column can ask
    /// the database instead (<paramref name="availableKeyIds"/> are the ids the key ring holds, the usual answer).
    /// </summary>
    Task<IReadOnlyList<KeyIdUse>> KeyIdUsesAsync(CarteroDbContext db, IReadOnlyCollection<string> availableKeyIds, CancellationToken cancellationToken) =>
        KeyIdScan.ReadEveryPageAsync(this, db, cancellationToken);
}
