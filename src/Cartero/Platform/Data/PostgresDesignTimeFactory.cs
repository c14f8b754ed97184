using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cartero.Platform.Data;

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresCarteroDbContext</c> build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCarteroDbContext>
{
    public PostgresCarteroDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCarteroDbContext>()
            .UseNpgsql("Host=localhost;Database=cartero_design", n => n.MigrationsHistoryTable("__ef_migraciones"))
            .Options);
}
