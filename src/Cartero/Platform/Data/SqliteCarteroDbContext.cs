using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Data;

/// <summary>The embedded default: a SQLite file under the data directory.</summary>
public sealed class SqliteCarteroDbContext(DbContextOptions<SqliteCarteroDbContext> options) : CarteroDbContext(options)
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;
}
