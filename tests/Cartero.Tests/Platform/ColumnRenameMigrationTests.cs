using Cartero.Features.Invoicing;
using Cartero.Features.Invoicing.CreditNotes;
using Cartero.Features.Store;
using Cartero.Features.Tracking.Bounces;
using Cartero.Platform.Data;
using Cartero.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cartero.Tests.Platform;

/// <summary>
/// <c>UnNombrePorConcepto</c> renames columns (one lease name, one error name, one pair of timestamps): an installation
/// with rows keeps every value. The rows are written with the current model, the database is taken back to the
/// migration before the renames (where the old names must hold the values) and migrated forward again.
/// </summary>
public abstract class ColumnRenameMigrationTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    private static readonly DateTime Lease = new(2026, 12, 1, 18, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Created = new(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Updated = new(2026, 11, 21, 16, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Renamed_columns_keep_their_values_across_the_migration()
    {
        var directory = Directory.CreateTempSubdirectory("cartero-renames-");
        await using var db = OnPostgres
            ? (CarteroDbContext)new PostgresCarteroDbContext(new DbContextOptionsBuilder<PostgresCarteroDbContext>()
                .UseNpgsql(await NewPostgresDatabaseAsync(), n => n.MigrationsHistoryTable("__ef_migraciones")).Options)
            : new SqliteCarteroDbContext(new DbContextOptionsBuilder<SqliteCarteroDbContext>()
                .UseSqlite($"Data Source={Path.Combine(directory.FullName, "cartero.db")}", s => s.MigrationsHistoryTable("__ef_migraciones")).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(null, Ct);

        var invoice = Invoice();
        db.Invoices.Add(invoice);
        var note = CreditNote(invoice.Id);
        db.Set<CreditNote>().Add(note);
        db.BounceMailboxStatus.Add(new BounceMailboxStatus { LastError = "IMAP: autenticación rechazada", LastErrorAt = Lease });
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(), Names = "Ana Pérez", IdType = "cedula", IdNumber = "1712345675", CreatedAt = Created, UpdatedAt = Updated,
        };
        var product = new Product
        {
            Id = Guid.CreateVersion7(), Code = "ARM-1", Description = "Armazón", Category = "armazon", TaxRateCode = "4", UpdatedAt = Updated,
        };
        db.Customers.Add(customer);
        db.Products.Add(product);
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();

        var migrations = db.Database.GetMigrations().ToList();
        var renames = migrations.FindIndex(m => m.EndsWith("_UnNombrePorConcepto", StringComparison.Ordinal));
        Assert.True(renames > 0);
        await migrator.MigrateAsync(migrations[renames - 1], Ct);

        Assert.Equal("SRI: devuelta", await ScalarAsync(db, "SELECT ultimo_error FROM factura"));
        Assert.Equal("SRI: no autorizada", await ScalarAsync(db, "SELECT ultimo_error FROM nota_credito"));
        Assert.Equal("IMAP: autenticación rechazada", await ScalarAsync(db, "SELECT ultimo_error FROM estado_buzon_rebotes"));
        Assert.Equal("1", await ScalarAsync(db, "SELECT COUNT(*) FROM factura WHERE lease_hasta IS NOT NULL"));
        Assert.Equal("1", await ScalarAsync(db, "SELECT COUNT(*) FROM cliente WHERE fecha_creacion IS NOT NULL AND fecha_actualizacion IS NOT NULL"));

        await migrator.MigrateAsync(null, Ct);

        var readInvoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id, Ct);
        Assert.Equal(("SRI: devuelta", "worker-1", Lease), (readInvoice.LastError, readInvoice.LeaseOwner, readInvoice.LeaseExpiresAt));
        var readNote = await db.Set<CreditNote>().AsNoTracking().SingleAsync(n => n.Id == note.Id, Ct);
        Assert.Equal(("SRI: no autorizada", Lease), (readNote.LastError, readNote.LeaseExpiresAt));
        var status = await db.BounceMailboxStatus.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(("IMAP: autenticación rechazada", (DateTime?)Lease), (status.LastError, status.LastErrorAt));
        var readCustomer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customer.Id, Ct);
        Assert.Equal((Created, Updated), (readCustomer.CreatedAt, readCustomer.UpdatedAt));
        Assert.Equal(Updated, (await db.Products.AsNoTracking().SingleAsync(p => p.Id == product.Id, Ct)).UpdatedAt);
        Assert.Equal("SRI: devuelta", await ScalarAsync(db, "SELECT mensaje_error FROM factura"));
        Assert.Equal("1", await ScalarAsync(db, "SELECT COUNT(*) FROM nota_credito WHERE lease_expira IS NOT NULL"));

        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }

    private static async Task<string?> ScalarAsync(CarteroDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(Ct);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Invoice Invoice() => new()
    {
        Id = Guid.CreateVersion7(), CreatedAt = Created, Status = InvoiceStatus.Devuelta, Environment = "pruebas", Establishment = "001",
        EmissionPoint = "001", Sequential = 7, AccessKey = new string('1', 49), IssueDate = new DateOnly(2026, 11, 20),
        IssuerRuc = "1790012344001", IssuerName = "Óptica Prueba", BuyerIdType = "05", BuyerId = "1712345675", BuyerName = "Ana Pérez",
        Total = 11.5m, OriginatedBy = "erp", GeneratedXml = "<factura/>", LastError = "SRI: devuelta", LeaseOwner = "worker-1",
        LeaseExpiresAt = Lease,
    };

    private static CreditNote CreditNote(Guid invoiceId) => new()
    {
        Id = Guid.CreateVersion7(), InvoiceId = invoiceId, CreatedAt = Created, Status = InvoiceStatus.Devuelta, Environment = "pruebas",
        Establishment = "001", EmissionPoint = "001", Sequential = 1, AccessKey = new string('2', 49), IssueDate = new DateOnly(2026, 11, 21),
        IssuerRuc = "1790012344001", IssuerName = "Óptica Prueba", BuyerIdType = "05", BuyerId = "1712345675", BuyerName = "Ana Pérez",
        InvoiceNumber = "001-001-000000007", Reason = "Devolución", OriginatedBy = "erp", GeneratedXml = "<notaCredito/>",
        LastError = "SRI: no autorizada", LeaseExpiresAt = Lease,
    };
}

public sealed class SqliteColumnRenameMigrationTests() : ColumnRenameMigrationTests(null);

public sealed class PostgresColumnRenameMigrationTests(PostgresCluster postgres) : ColumnRenameMigrationTests(postgres);
