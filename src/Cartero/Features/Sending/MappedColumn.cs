using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cartero.Features.Sending;

/// <summary>
/// One column of the send log as EF Core maps it: its name, and the type mapping that converts a value (enum codes,
/// Guid and date formats) the way this engine stores it. Lets the hot path write with plain commands and still store
/// exactly what EF Core would.
/// </summary>
internal sealed record MappedColumn<T>(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<T, object?> Read)
{
    public static MappedColumn<T> Of(IProperty property)
    {
        var getter = property.GetGetter();
        return new MappedColumn<T>(property.GetColumnName(), property.GetRelationalTypeMapping(), property.IsNullable, e => getter.GetClrValueUsingContainingEntity(e!));
    }

    /// <summary>Every column of <paramref name="entity"/> but the keys the database generates.</summary>
    public static MappedColumn<T>[] AllOf(IEntityType entity) =>
        [.. entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd).Select(Of)];

    public DbParameter Parameter(DbCommand command, string name, T source) =>
        Mapping.CreateParameter(command, name, Read(source), Nullable);
}
