using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cartero.Platform.Data;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteCarteroDbContext</c> build the model without the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCarteroDbContext>
{
    public SqliteCarteroDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCarteroDbContext>()
            .UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable("__ef_migraciones"))
            .Options);
}
