using Cartero.Platform.Data;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Platform;

/// <summary>The keyset paging of the personal-data export's sections: every matching row once, in key order, a page at a time.</summary>
public abstract class KeysetPagesTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(50)]
    public async Task Every_matching_row_comes_once_in_key_order_in_pages_of_the_size_asked(int pageSize)
    {
        var app = await NewAppAsync();
        var mine = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            mine.Add(await app.AddFailedEmailAsync("ana@optica.ec"));
            await app.AddFailedEmailAsync("otro@optica.ec");
        }

        var pages = await app.WithDbAsync(async db =>
        {
            var read = new List<IReadOnlyList<Guid>>();
            var query = db.Emails.AsNoTracking().Where(e => e.OriginatedBy == "ana@optica.ec");
            await foreach (var page in KeysetPages.ReadAsync(query, e => e.Id, q => q.Select(e => e.Id), id => id, pageSize, Ct))
            {
                read.Add(page);
            }

            return read;
        });

        var expected = await app.WithDbAsync(db => db.Emails.AsNoTracking().Where(e => e.OriginatedBy == "ana@optica.ec").OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Ct));
        Assert.Equal(expected, pages.SelectMany(p => p));
        Assert.Equal(mine.Order().ToList(), expected.Order().ToList());
        Assert.All(pages.SkipLast(1), p => Assert.Equal(pageSize, p.Count));
        Assert.Equal((8 + pageSize - 1) / pageSize, pages.Count);
    }
}

public sealed class SqliteKeysetPagesTests() : KeysetPagesTests(null);

public sealed class PostgresKeysetPagesTests(PostgresCluster postgres) : KeysetPagesTests(postgres);
