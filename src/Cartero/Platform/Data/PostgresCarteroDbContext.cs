using Microsoft.EntityFrameworkCore;

namespace Cartero.Platform.Data;

/// <summary>PostgreSQL, for production and for several instances sharing one queue.</summary>
public sealed class PostgresCarteroDbContext(DbContextOptions<PostgresCarteroDbContext> options) : CarteroDbContext(options)
{
    public override DatabaseEngine Engine => DatabaseEngine.Postgres;
}
