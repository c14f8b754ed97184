namespace Cartero.Platform.Secrets;

/// <summary>
/// Where a protected value lives: its table, column and row. It is bound to the ciphertext as associated data, so
/// a value copied to another column or another row no longer decrypts.
/// </summary>
/// <param name="Table">The table as named in the database, e.g. <c>configuracion_correo</c>.</param>
/// <param name="Column">The column as named in the database, e.g. <c>contrasena_cifrada</c>.</param>
/// <param name="RowId">The row's key as text, stable for the row's life (a composite key joined with <c>/</c>).</param>
public readonly record struct SecretPurpose(string Table, string Column, string RowId)
{
    /// <summary>For messages to an operator; names the place, never the value.</summary>
    public override string ToString() => $"{Table}.{Column} (fila {RowId})";
}
