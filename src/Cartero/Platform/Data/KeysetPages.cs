using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Data;

/// <summary>
/// Reads a query a page at a time, keyset by a <see cref="Guid"/> key (<c>key &gt; last</c> in the database's own order
/// of the key, never <c>OFFSET</c>), so memory stays bounded by one page however many rows match.
/// </summary>
public static class KeysetPages
{
    /// <summary>
    /// The rows of <paramref name="source"/> in key order, page by page. <paramref name="shape"/> adds what each page
    /// needs (includes, a projection) after the keyset filter, order and limit; <paramref name="keyOf"/> reads the key back
    /// from a shaped row to continue after it.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<TRow>> ReadAsync<TEntity, TRow>(
        IQueryable<TEntity> source,
        Expression<Func<TEntity, Guid>> key,
        Func<IQueryable<TEntity>, IQueryable<TRow>> shape,
        Func<TRow, Guid> keyOf,
        int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var after = new Cursor();
        // e => key(e).CompareTo(after.Last) > 0, with after.Last read as a query parameter on each page.
        var compare = Expression.Call(key.Body, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!,
            Expression.Property(Expression.Constant(after), nameof(Cursor.Last)));
        var afterLast = Expression.Lambda<Func<TEntity, bool>>(Expression.GreaterThan(compare, Expression.Constant(0)), key.Parameters);
        var first = true;
        while (true)
        {
            var query = first ? source : source.Where(afterLast);
            var page = await shape(query.OrderBy(key).Take(pageSize)).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            if (page.Count < pageSize)
            {
                yield break;
            }

            after.Last = keyOf(page[^1]);
            first = false;
        }
    }

    /// <summary>Rows one by one, read in pages as <see cref="ReadAsync{TEntity, TRow}"/>.</summary>
    public static async IAsyncEnumerable<TRow> RowsAsync<TEntity, TRow>(
        IQueryable<TEntity> source,
        Expression<Func<TEntity, Guid>> key,
        Func<IQueryable<TEntity>, IQueryable<TRow>> shape,
        Func<TRow, Guid> keyOf,
        int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in ReadAsync(source, key, shape, keyOf, pageSize, cancellationToken))
        {
            foreach (var row in page)
            {
                yield return row;
            }
        }
    }

    private sealed class Cursor
    {
        public Guid Last { get; set; }
    }
}
