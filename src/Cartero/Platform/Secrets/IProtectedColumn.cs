using Cartero.Platform.Data;

namespace Cartero.Platform.Secrets;

/// <summary>
/// One kind of protected value in the database, contributed by the feature that owns its table and listed in the
/// <see cref="ProtectedColumnRegistry"/>: the start-up check and <c>keys rotate</c> reach every stored secret through it.
/// </summary>
public interface IProtectedColumn
{
    /// <summary>Unique name in the registry and in the rotation's audit record, e.g. <c>configuracion_correo.contrasena_cifrada</c>.</summary>
    string Name { get; }

    /// <summary>The table as named in the database.</summary>
    string Table { get; }

    /// <summary>The column as named in the database.</summary>
    string Column { get; }

    /// <summary>What the value is, in Spanish, for an operator (e.g. "contraseña de la cuenta de envío").</summary>
    string Label { get; }

    /// <summary>What to do, in Spanish, when the value cannot be recovered even with the key folder restored.</summary>
    string IfLost { get; }

    /// <summary>Values stored before this column was protected are plain text; the start-up check encrypts them in place.</summary>
    bool UpgradesPlainText { get; }

    /// <summary>Every non-null stored value of the column, tracked by <paramref name="db"/> so it can be rewritten.</summary>
    Task<IReadOnlyList<ProtectedCell>> LoadAsync(CarteroDbContext db, CancellationToken cancellationToken);
}
