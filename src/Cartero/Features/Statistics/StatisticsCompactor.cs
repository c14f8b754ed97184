using Cartero.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Statistics;

/// <summary>
/// Folds the appended <see cref="StatisticsChange"/> rows into the daily tables and removes them, atomically.
/// Statistics add the changes not yet folded, so how often this runs changes speed, never results.
/// </summary>
public sealed class StatisticsCompactor
{
    // Any constant shared by every instance: only one of them folds at a time, so two never upsert the
    // same daily rows in different orders (which PostgreSQL would end as a deadlock).
    private const long FoldLock = 0x4361727465726f02;

    private const string PostgresFold = """
        WITH folded AS (DELETE FROM estadistica_envio_cambio RETURNING *),
        by_state AS (
            INSERT INTO estadistica_envio_diaria AS d (dia, tipo_correo, estado, cantidad, transiciones)
            SELECT dia, tipo_correo, estado, SUM(cantidad), SUM(transiciones) FROM folded
            WHERE estado IS NOT NULL GROUP BY dia, tipo_correo, estado ORDER BY dia, tipo_correo, estado
            ON CONFLICT (dia, tipo_correo, estado) DO UPDATE
            SET cantidad = d.cantidad + EXCLUDED.cantidad, transiciones = d.transiciones + EXCLUDED.transiciones),
        by_reason AS (
            INSERT INTO estadistica_motivo_diaria AS d (dia, motivo, cantidad)
            SELECT dia, motivo, SUM(cantidad) FROM folded
            WHERE motivo IS NOT NULL GROUP BY dia, motivo ORDER BY dia, motivo
            ON CONFLICT (dia, motivo) DO UPDATE SET cantidad = d.cantidad + EXCLUDED.cantidad)
        INSERT INTO estadistica_dominio_diaria AS d (dia, dominio, fallidos, enviados, duracion_total_ms, duracion_max_ms)
        SELECT dia, dominio, SUM(fallidos), SUM(enviados), SUM(duracion_ms), MAX(duracion_max_ms) FROM folded
        WHERE dominio IS NOT NULL AND (fallidos <> 0 OR enviados <> 0) GROUP BY dia, dominio ORDER BY dia, dominio
        ON CONFLICT (dia, dominio) DO UPDATE
        SET fallidos = d.fallidos + EXCLUDED.fallidos, enviados = d.enviados + EXCLUDED.enviados,
            duracion_total_ms = d.duracion_total_ms + EXCLUDED.duracion_total_ms,
            duracion_max_ms = GREATEST(d.duracion_max_ms, EXCLUDED.duracion_max_ms)
        """;

    // SQLite has one writer at a time, so inside one transaction nothing can be appended between the
    // fold and the delete. "WHERE true" is how SQLite tells an upsert's ON CONFLICT from a join.
    private static readonly string[] SqliteFold =
    [
        """
        INSERT INTO estadistica_envio_diaria (dia, tipo_correo, estado, cantidad, transiciones)
        SELECT dia, tipo_correo, estado, SUM(cantidad), SUM(transiciones) FROM estadistica_envio_cambio
        WHERE estado IS NOT NULL GROUP BY dia, tipo_correo, estado
        ON CONFLICT (dia, tipo_correo, estado) DO UPDATE
        SET cantidad = cantidad + excluded.cantidad, transiciones = transiciones + excluded.transiciones
        """,
        """
        INSERT INTO estadistica_dominio_diaria (dia, dominio, fallidos, enviados, duracion_total_ms, duracion_max_ms)
        SELECT dia, dominio, SUM(fallidos), SUM(enviados), SUM(duracion_ms), MAX(duracion_max_ms) FROM estadistica_envio_cambio
        WHERE dominio IS NOT NULL AND (fallidos <> 0 OR enviados <> 0) GROUP BY dia, dominio
        ON CONFLICT (dia, dominio) DO UPDATE
        SET fallidos = fallidos + excluded.fallidos, enviados = enviados + excluded.enviados,
            duracion_total_ms = duracion_total_ms + excluded.duracion_total_ms,
            duracion_max_ms = max(duracion_max_ms, excluded.duracion_max_ms)
        """,
        """
        INSERT INTO estadistica_motivo_diaria (dia, motivo, cantidad)
        SELECT dia, motivo, SUM(cantidad) FROM estadistica_envio_cambio
        WHERE motivo IS NOT NULL GROUP BY dia, motivo
        ON CONFLICT (dia, motivo) DO UPDATE SET cantidad = cantidad + excluded.cantidad
        """,
        "DELETE FROM estadistica_envio_cambio",
    ];

    /// <summary>Folds every committed change; returns false when another instance is folding right now.</summary>
    public async Task<bool> FoldAsync(CarteroDbContext db, CancellationToken cancellationToken)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Engine == DatabaseEngine.Postgres)
            {
                var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({FoldLock}) AS \"Value\"")
                    .SingleAsync(cancellationToken);
                if (!locked)
                {
                    return false;
                }

                await db.Database.ExecuteSqlRawAsync(PostgresFold, cancellationToken);
            }
            else
            {
                foreach (var statement in SqliteFold)
                {
                    await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
                }
            }

            await tx.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }
}
