using Cartero.Features.Statistics;
using Cartero.Features.Sending;
using Cartero.Platform.Data;
using Cartero.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;

namespace Cartero.Tests.Features.Statistics;

/// <summary>An installation upgraded with mail already in its log gets that history counted in the daily tables.</summary>
public abstract class StatisticsBackfillTests(PostgresCluster? postgres) : AppTestBase(postgres)
{
    [Fact]
    public async Task Upgrading_counts_the_mail_already_in_the_log()
    {
        var directory = Directory.CreateTempSubdirectory("cartero-backfill-");
        await using var db = OnPostgres
            ? (CarteroDbContext)new PostgresCarteroDbContext(new DbContextOptionsBuilder<PostgresCarteroDbContext>()
                .UseNpgsql(await NewPostgresDatabaseAsync(), n => n.MigrationsHistoryTable("__ef_migraciones")).Options)
            : new SqliteCarteroDbContext(new DbContextOptionsBuilder<SqliteCarteroDbContext>()
                .UseSqlite($"Data Source={Path.Combine(directory.FullName, "cartero.db")}", s => s.MigrationsHistoryTable("__ef_migraciones")).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("Identidad", Ct);

        // 2 November 2026, 20:00 in Ecuador (01:00 UTC on the 3rd).
        var machine = new EmailStateMachine(new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 1, 0, 0, TimeSpan.Zero)));
        EmailLogEntry Entry(string to, string type)
        {
            var entry = new EmailLogEntry
            {
                Id = Guid.CreateVersion7(), RequestedAt = new DateTime(2026, 11, 3, 1, 0, 0, DateTimeKind.Utc), Type = type,
                RecipientKind = "externo", ToAddress = to, Origin = "api", OriginatedBy = "erp", Subject = "s", MessageId = to + "@cartero",
            };
            machine.Start(entry, EmailStatus.EnCola, "erp");
            machine.Transition(entry, EmailStatus.Enviando, new TransitionDetail());
            return entry;
        }

        var sent = Entry("ana@Correo.EC", "factura");
        machine.Transition(sent, EmailStatus.Enviado, new TransitionDetail("250 ok", 250, "smtp", 300));
        var failed = Entry("luis@gmail.com", "factura");
        machine.Transition(failed, EmailStatus.Reintento, new TransitionDetail("451 luego", 451));
        machine.Transition(failed, EmailStatus.Enviando, new TransitionDetail());
        machine.Transition(failed, EmailStatus.Fallido, new TransitionDetail("550 no existe", 550));
        failed.LastError = "550 no existe";
        // The current model also has the columns later migrations add (the event chains): the old schema gets them
        // just for this insert, and loses them again before the upgrade adds them for real.
        await db.Database.ExecuteSqlRawAsync(
            "ALTER TABLE log_envio_correo ADD COLUMN eventos_cantidad INTEGER NOT NULL DEFAULT 0; ALTER TABLE log_envio_correo ADD COLUMN eventos_hash TEXT; " +
            "ALTER TABLE log_envio_correo_evento ADD COLUMN numero INTEGER; ALTER TABLE log_envio_correo_evento ADD COLUMN clave_id TEXT; " +
            "ALTER TABLE log_envio_correo_evento ADD COLUMN hash TEXT; " +
            "ALTER TABLE log_envio_correo ADD COLUMN destinatarios_pendientes TEXT; ALTER TABLE log_envio_correo_evento ADD COLUMN destinatario TEXT; ALTER TABLE log_envio_correo ADD COLUMN contenido_depurado_en timestamp with time zone; ALTER TABLE log_envio_correo_evento ADD COLUMN tipo_evento TEXT; ALTER TABLE log_envio_correo_evento ADD COLUMN sha256_mensaje TEXT;", Ct);
        db.Emails.AddRange(sent, failed, Entry("eva@correo.ec", "pedido"));
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
        await db.Database.ExecuteSqlRawAsync(
            "ALTER TABLE log_envio_correo DROP COLUMN eventos_cantidad; ALTER TABLE log_envio_correo DROP COLUMN eventos_hash; " +
            "ALTER TABLE log_envio_correo_evento DROP COLUMN numero; ALTER TABLE log_envio_correo_evento DROP COLUMN clave_id; " +
            "ALTER TABLE log_envio_correo_evento DROP COLUMN hash; " +
            "ALTER TABLE log_envio_correo DROP COLUMN destinatarios_pendientes; ALTER TABLE log_envio_correo_evento DROP COLUMN destinatario; ALTER TABLE log_envio_correo DROP COLUMN contenido_depurado_en; ALTER TABLE log_envio_correo_evento DROP COLUMN tipo_evento; ALTER TABLE log_envio_correo_evento DROP COLUMN sha256_mensaje;", Ct);

        await migrator.MigrateAsync(null, Ct);

        Assert.Equal(0, await db.StatisticsChanges.CountAsync(Ct));
        var stats = await new EmailStatisticsQuery(db).ComputeAsync(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2), Ct);
        Assert.Equal(3, stats.Total);
        Assert.Equal(new Dictionary<string, int> { ["enviado"] = 1, ["fallido"] = 1, ["enviando"] = 1 }, stats.ByStatus);
        Assert.Equal(new Dictionary<string, int> { ["factura"] = 2, ["pedido"] = 1 }, stats.ByType);
        Assert.Equal(1, stats.Retries);
        Assert.Equal(new DailyCount(new DateOnly(2026, 11, 2), 3, 1, 1), Assert.Single(stats.PerDay));
        Assert.Equal(new DomainStats("gmail.com", 1, 1), Assert.Single(stats.FailingDomains));
        // Reasons are normalised to their reply code and a Spanish explanation (FailureExplainer).
        var reason = Assert.Single(stats.TopFailureReasons);
        Assert.Equal(("550", 1), (reason.Code, reason.Count));
        Assert.Equal(new DomainLatency("correo.ec", 1, 300, 300), Assert.Single(stats.SlowestDomains));

        // And from then on the triggers keep counting: the stuck message is sent.
        var stuck = await db.Emails.SingleAsync(e => e.Type == "pedido", Ct);
        machine.Transition(stuck, EmailStatus.Enviado, new TransitionDetail("250 ok", 250, "smtp", 100));
        await db.SaveChangesAsync(Ct);
        var after = await new EmailStatisticsQuery(db).ComputeAsync(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2), Ct);
        Assert.Equal(2, after.ByStatus["enviado"]);
        Assert.False(after.ByStatus.ContainsKey("enviando"));
        Assert.Equal(new DomainLatency("correo.ec", 2, 200, 300), Assert.Single(after.SlowestDomains));

        await db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}

public sealed class SqliteStatisticsBackfillTests() : StatisticsBackfillTests(null);

public sealed class PostgresStatisticsBackfillTests(PostgresCluster postgres) : StatisticsBackfillTests(postgres);
