using Cartero.Features.Sending;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Data;

/// <summary>The embedded default: a SQLite file under the data directory.</summary>
public sealed class SqliteCarteroDbContext(DbContextOptions<SqliteCarteroDbContext> options) : CarteroDbContext(options)
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The statistics triggers are AFTER triggers, which SQLite's RETURNING clause does not go along with.
        modelBuilder.Entity<EmailLogEntry>().ToTable(t => t.UseSqlReturningClause(false));
        modelBuilder.Entity<EmailLogEvent>().ToTable(t => t.UseSqlReturningClause(false));
    }
}
