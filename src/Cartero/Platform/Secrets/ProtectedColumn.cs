using System.Linq.Expressions;
using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Secrets;

/// <summary>
/// A protected column of the entity <typeparamref name="TEntity"/>: how to find its rows, read and write the value,
/// and name the row. Features declare one per protected value and use <see cref="Purpose"/> to protect and unprotect it.
/// </summary>
public sealed class ProtectedColumn<TEntity> : IProtectedColumn
    where TEntity : class
{
    public required string Table { get; init; }

    public required string Column { get; init; }

    /// <summary>Distinguishes entries that share one column (e.g. the kinds of Identity token); part of <see cref="Name"/>.</summary>
    public string? Qualifier { get; init; }

    public required string Label { get; init; }

    public required string IfLost { get; init; }

    public bool UpgradesPlainText { get; init; }

    /// <summary>The row's stable key as text (a composite key joined with <c>/</c>).</summary>
    public required Func<TEntity, string> RowId { get; init; }

    public required Func<TEntity, string?> Get { get; init; }

    public required Action<TEntity, string> Set { get; init; }

    /// <summary>Which rows hold this value, when the table holds other things too.</summary>
    public Expression<Func<TEntity, bool>>? Rows { get; init; }

    public string Name => Qualifier is null ? $"{Table}.{Column}" : $"{Table}.{Column}[{Qualifier}]";

    /// <summary>The purpose the value of <paramref name="row"/> is bound to.</summary>
    public SecretPurpose Purpose(TEntity row) => new(Table, Column, RowId(row));

    public async Task<IReadOnlyList<ProtectedCell>> LoadAsync(CarteroDbContext db, CancellationToken cancellationToken)
    {
        IQueryable<TEntity> query = db.Set<TEntity>();
        if (Rows is not null)
        {
            query = query.Where(Rows);
        }

        var cells = new List<ProtectedCell>();
        foreach (var row in await query.ToListAsync(cancellationToken))
        {
            if (Get(row) is { } stored)
            {
                cells.Add(new ProtectedCell(this, Purpose(row), stored, value => Set(row, value)));
            }
        }

        return cells;
    }
}
