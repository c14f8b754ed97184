using Cartero.Features.Sending;
using Cartero.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Tests.Platform;

public sealed class DatabaseMigrationTests
{
    [Fact]
    public async Task Sqlite_database_is_created_under_the_data_directory_with_every_table()
    {
        await using var app = new CarteroAppFactory();
        _ = app.Services;
        await app.WithDbAsync(async db =>
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.Equal(0, await db.Emails.CountAsync(TestContext.Current.CancellationToken));
        });
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "cartero.db")));
    }

    [Fact]
    public async Task Events_cannot_be_rewritten_on_sqlite()
    {
        await using var app = new CarteroAppFactory();
        var ct = TestContext.Current.CancellationToken;
        var machine = new EmailStateMachine(TimeProvider.System);
        await app.WithDbAsync(async db =>
        {
            var entry = new EmailLogEntry
            {
                Id = Guid.CreateVersion7(), RequestedAt = DateTime.UtcNow, Type = "prueba", RecipientKind = "externo",
                ToAddress = "a@example.com", Origin = "manual", OriginatedBy = "test", Subject = "x", MessageId = "x@cartero",
            };
            machine.Start(entry, EmailStatus.EnCola, "test");
            db.Emails.Add(entry);
            await db.SaveChangesAsync(ct);
        });
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM log_envio_correo_evento", TestContext.Current.CancellationToken)));
        Assert.Contains("solo admite inserciones", ex.Message);
    }
}
