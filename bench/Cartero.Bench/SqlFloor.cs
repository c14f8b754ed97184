using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cartero.Bench;

/// <summary>
/// (d) The floor of the durable log on SQLite: only the rows a message's life writes in Cartero's own schema
/// (created by its migrations, with its indexes and statistics triggers), through prepared statements, batched as
/// the app batches, with nothing else: no HTTP, no validation, no MIME, no SMTP. No implementation of the same
/// log can spend less CPU per message than this, so it bounds what the end-to-end ratio can reach on this machine.
/// </summary>
internal static class SqlFloor
{
    public static async Task<BenchResult> RunAsync(string root, (string Subject, string Html, string Text) sample, int messages)
    {
        var dll = Path.Combine(root, "src", "Cartero", "bin", "Release", "net10.0", "linux-x64", "Cartero.dll");
        var data = Path.Combine(Path.GetTempPath(), "cartero-floor-" + Guid.NewGuid().ToString("N")[..8]);
        await CarteroEndToEnd.RunToEndAsync(dll, ["apikey", "create", "--name", "suelo"], new() { ["Cartero__DataDirectory"] = data });
        await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "cartero.db")};Pooling=False");
        await db.OpenAsync();
        await Execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        const int enqueueBatch = 100, sendBatch = 200;
        for (var first = 0; first < messages; first += enqueueBatch)
        {
            await using var tx = db.BeginTransaction();
            await using var row = Command(db, tx, """
                INSERT INTO log_envio_correo (id, fecha_hora, tipo_correo, destinatario_tipo, correo_destino, entidad_tipo, entidad_id,
                    estado, origen, originado_por, asunto, message_id, intentos, proximo_intento)
                VALUES ($id, $t, 'pedido', 'cliente', $to, 'pedido', $entidad, 'en_cola', 'api', 'suelo', $asunto, $mid, 0, $t)
                """, "$id", "$t", "$to", "$entidad", "$asunto", "$mid");
            await using var content = Command(db, tx, "INSERT INTO log_envio_correo_contenido (id_correo, html, texto) VALUES ($id, $html, $texto)", "$id", "$html", "$texto");
            await using var evt = EventCommand(db, tx);
            for (var i = first; i < Math.Min(messages, first + enqueueBatch); i++)
            {
                var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
                var now = Now();
                await Run(row, id, now, $"cliente{i}@correo.ec", $"P-{i}", sample.Subject, id + "@optica.ec");
                await Run(content, id, sample.Html, sample.Text);
                await Run(evt, id, now, "en_cola", null, "Solicitado (api) por suelo", null, null, null, "suelo");
            }

            await tx.CommitAsync();
        }

        for (var sent = 0; sent < messages;)
        {
            var ids = new List<string>();
            await using (var tx = db.BeginTransaction())
            {
                var now = Now();
                await using var claim = Command(db, tx, """
                    UPDATE log_envio_correo SET estado = 'enviando', lease_propietario = 'suelo:1', lease_expira = $hasta
                    WHERE id IN (SELECT id FROM log_envio_correo WHERE estado IN ('en_cola', 'reintento') AND proximo_intento <= $t
                                 ORDER BY proximo_intento LIMIT $n)
                    RETURNING id
                    """, "$hasta", "$t", "$n");
                claim.Parameters["$hasta"].Value = "9999-12-31 00:00:00";
                claim.Parameters["$t"].Value = now;
                claim.Parameters["$n"].Value = sendBatch;
                await using (var reader = await claim.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                await using var evt = EventCommand(db, tx);
                foreach (var id in ids)
                {
                    await Run(evt, id, now, "enviando", "en_cola", "Reservado por suelo:1 (intento 1)", null, null, null, "suelo:1");
                }

                await tx.CommitAsync();
            }

            // What the worker reads to build the message.
            await using (var read = db.CreateCommand())
            {
                read.CommandText = $"SELECT html, texto FROM log_envio_correo_contenido WHERE id_correo IN ({string.Join(", ", ids.Select((_, i) => $"$p{i}"))})";
                for (var i = 0; i < ids.Count; i++)
                {
                    read.Parameters.AddWithValue($"$p{i}", ids[i]);
                }

                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    _ = reader.GetString(0).Length + reader.GetString(1).Length;
                }
            }

            await using (var tx = db.BeginTransaction())
            {
                var now = Now();
                await using var outcome = Command(db, tx, """
                    UPDATE log_envio_correo SET estado = 'enviado', proveedor = 'smtp', id_mensaje_proveedor = $pid, intentos = 1,
                        proximo_intento = NULL, ultimo_intento = $t, lease_propietario = NULL, lease_expira = NULL
                    WHERE id = $id AND estado = 'enviando'
                    """, "$pid", "$t", "$id");
                await using var evt = EventCommand(db, tx);
                foreach (var id in ids)
                {
                    await Run(outcome, "Ok: queued", now, id);
                    await Run(evt, id, now, "enviado", "enviando", "250 2.0.0 Ok: queued", 250, "smtp", 1, "suelo:1");
                }

                await tx.CommitAsync();
            }

            sent += ids.Count;
        }

        var result = new BenchResult("(d) suelo: solo las filas del registro (SQL), SQLite", messages, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        await db.CloseAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
        return result;
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static SqliteCommand EventCommand(SqliteConnection db, SqliteTransaction tx) => Command(db, tx, """
        INSERT INTO log_envio_correo_evento (id_correo, fecha_hora, estado, estado_anterior, detalle, codigo, proveedor, duracion_ms, actor)
        VALUES ($id, $t, $estado, $anterior, $detalle, $codigo, $proveedor, $ms, $actor)
        """, "$id", "$t", "$estado", "$anterior", "$detalle", "$codigo", "$proveedor", "$ms", "$actor");

    private static SqliteCommand Command(SqliteConnection db, SqliteTransaction tx, string sql, params string[] parameters)
    {
        var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static async Task Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task Execute(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
