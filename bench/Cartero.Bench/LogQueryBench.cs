using System.Diagnostics;
using Cartero.Features.Logs;
using Cartero.Features.Statistics;
using Cartero.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Bench;

/// <summary>
/// The panel's reads at scale: <c>log_envio_correo</c> filled with synthetic rows, then the first page of a
/// typical filter, a page deep in the results, 30 days of statistics and the CSV export of every row,
/// through the same query classes the panel and the API use.
/// </summary>
internal static class LogQueryBench
{
    public static async Task RunAsync(int rows, string? postgresConnectionString)
    {
        var engine = postgresConnectionString is null ? "SQLite" : "PostgreSQL";
        var dir = Path.Combine(Path.GetTempPath(), "cartero-bench-log-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        await using var db = Create(postgresConnectionString, Path.Combine(dir, "cartero.db"));
        await db.Database.MigrateAsync();

        var seed = Stopwatch.StartNew();
        await SeedAsync(db, rows);
        Console.WriteLine($"[{engine}] {rows:N0} filas sembradas en {seed.Elapsed.TotalSeconds:0.0} s");

        // What the compaction service does every minute; here once, for the changes the seed appended.
        var fold = Stopwatch.StartNew();
        await new StatisticsCompactor().FoldAsync(db, default);
        if (db.Engine == DatabaseEngine.Postgres)
        {
            // The fold leaves a million dead change rows; autovacuum clears them within its next minute, which a
            // benchmark that starts reading right away would not wait for.
            await db.Database.ExecuteSqlRawAsync("VACUUM estadistica_envio_cambio");
        }
        Console.WriteLine($"[{engine}] cambios de estadísticas consolidados en {fold.Elapsed.TotalSeconds:0.0} s");

        var queries = new EmailLogQueries(db);
        var typical = new EmailLogFilter { Status = "enviado", Type = "factura" };
        var firstPage = await TimeAsync(50, async () => await queries.PageAsync(typical, null, 50, default));

        var deepRow = await queries.Filtered(new EmailLogFilter()).OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.Id)
            .Skip(rows / 2).Select(e => new { e.RequestedAt, e.Id }).FirstAsync();
        var deepCursor = new EmailLogCursor(deepRow.RequestedAt, deepRow.Id);
        var deepPage = await TimeAsync(50, async () => await queries.PageAsync(new EmailLogFilter(), deepCursor, 50, default));

        var byRecipient = await TimeAsync(50, async () => await queries.PageAsync(new EmailLogFilter { To = "cliente123@correo.ec" }, null, 50, default));

        var stats = new EmailStatisticsQuery(db);
        var until = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var statistics = await TimeAsync(5, async () => await stats.ComputeAsync(new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 31), default));

        db.ChangeTracker.Clear();
        GC.Collect();
        var exporter = new EmailLogExporter(queries);
        var counting = new CountingStream();
        var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        var export = Stopwatch.StartNew();
        var exported = await exporter.WriteCsvAsync(new EmailLogFilter(), counting, default);
        export.Stop();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        Console.WriteLine($"[{engine}] primera página, filtro estado+tipo:   p50 {firstPage.P50:0.0} ms  p95 {firstPage.P95:0.0} ms");
        Console.WriteLine($"[{engine}] página a mitad de los resultados:  p50 {deepPage.P50:0.0} ms  p95 {deepPage.P95:0.0} ms");
        Console.WriteLine($"[{engine}] primera página por destinatario:   p50 {byRecipient.P50:0.0} ms  p95 {byRecipient.P95:0.0} ms");
        Console.WriteLine($"[{engine}] estadísticas de 30 días:           p50 {statistics.P50:0} ms  máx {statistics.Max:0} ms");
        Console.WriteLine($"[{engine}] exportación CSV de {exported:N0} filas: {exported / export.Elapsed.TotalSeconds:N0} filas/s, {counting.Length / 1024 / 1024:N0} MB; memoria del proceso antes {memoryBefore / 1024 / 1024:N0} MB, pico {peak / 1024 / 1024:N0} MB");

        await db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    private static CarteroDbContext Create(string? postgres, string sqliteFile) => postgres is null
        ? new SqliteCarteroDbContext(new DbContextOptionsBuilder<SqliteCarteroDbContext>()
            .UseSqlite($"Data Source={sqliteFile}", s => s.MigrationsHistoryTable("__ef_migraciones")).Options)
        : new PostgresCarteroDbContext(new DbContextOptionsBuilder<PostgresCarteroDbContext>()
            .UseNpgsql(postgres, n => n.MigrationsHistoryTable("__ef_migraciones")).Options);

    private const string Columns = "id, fecha_hora, tipo_correo, destinatario_tipo, destinatario_id, correo_destino, nombre_destino, entidad_tipo, entidad_id, estado, mensaje_error, origen, originado_por, asunto, proveedor, message_id, intentos, ultimo_intento, adjuntos";

    private const string PostgresSeed = """
        INSERT INTO log_envio_correo (@@COLUMNS@@)
        SELECT gen_random_uuid(), timestamptz '2026-10-01 00:00:00+00' + x * interval '2 seconds',
          (ARRAY['factura','comprobante','pedido','alerta_stock','notificacion_clinica'])[1 + x % 5], 'cliente', 'C-' || (x % 5000),
          'cliente' || (x % 5000) || '@correo.ec', 'Cliente ' || (x % 5000), 'venta', 'V-' || x,
          CASE WHEN x % 50 = 0 THEN 'fallido' WHEN x % 97 = 0 THEN 'reintento' ELSE 'enviado' END,
          CASE WHEN x % 50 = 0 THEN '550 5.1.1 <x>: Recipient address rejected' END,
          'api', 'apikey:erp', 'Factura electrónica 001-001-' || lpad(x::text, 9, '0'), 'smtp', x || '@bench', 1,
          timestamptz '2026-10-01 00:00:00+00' + x * interval '2 seconds', '[]'
        FROM generate_series(1, {0}) AS x
        """;

    private const string SqliteSeed = """
        WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < {0})
        INSERT INTO log_envio_correo (@@COLUMNS@@)
        SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
          strftime('%Y-%m-%d %H:%M:%S', '2026-10-01 00:00:00', '+' || (x * 2) || ' seconds'),
          CASE x % 5 WHEN 0 THEN 'factura' WHEN 1 THEN 'comprobante' WHEN 2 THEN 'pedido' WHEN 3 THEN 'alerta_stock' ELSE 'notificacion_clinica' END,
          'cliente', 'C-' || (x % 5000), 'cliente' || (x % 5000) || '@correo.ec', 'Cliente ' || (x % 5000), 'venta', 'V-' || x,
          CASE WHEN x % 50 = 0 THEN 'fallido' WHEN x % 97 = 0 THEN 'reintento' ELSE 'enviado' END,
          CASE WHEN x % 50 = 0 THEN '550 5.1.1 <x>: Recipient address rejected' END,
          'api', 'apikey:erp', 'Factura electrónica 001-001-' || printf('%09d', x), 'smtp', x || '@bench', 1,
          strftime('%Y-%m-%d %H:%M:%S', '2026-10-01 00:00:00', '+' || (x * 2) || ' seconds'), '[]'
        FROM s
        """;

    /// <summary>Synthetic rows over October 2026: types, states and 5,000 recipients spread like a busy chain.</summary>
    private static Task SeedAsync(CarteroDbContext db, int rows)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var sql = (db.Engine == DatabaseEngine.Postgres ? PostgresSeed : SqliteSeed).Replace("@@COLUMNS@@", Columns, StringComparison.Ordinal);
        return SeedAndAnalyzeAsync(db, sql, rows);
    }

    private static async Task SeedAndAnalyzeAsync(CarteroDbContext db, string sql, int rows)
    {
        await db.Database.ExecuteSqlRawAsync(sql, rows);
        // A production table has planner statistics; a table filled a second ago does not yet.
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    private static async Task<(double P50, double P95, double Max)> TimeAsync(int times, Func<Task> work)
    {
        await work(); // warm-up: plan cache, connection
        var samples = new List<double>(times);
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.95) - 1], samples[^1]);
    }

    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Position;
        public override long Position { get; set; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Position += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Position += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
