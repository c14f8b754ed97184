using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EstadisticasDiariasYAjustesPanel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ajuste_panel",
                columns: table => new
                {
                    clave = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    valor = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actualizado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ajuste_panel", x => x.clave);
                });

            migrationBuilder.CreateTable(
                name: "estadistica_dominio_diaria",
                columns: table => new
                {
                    dia = table.Column<DateOnly>(type: "date", nullable: false),
                    dominio = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    fallidos = table.Column<long>(type: "bigint", nullable: false),
                    enviados = table.Column<long>(type: "bigint", nullable: false),
                    duracion_total_ms = table.Column<long>(type: "bigint", nullable: false),
                    duracion_max_ms = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_estadistica_dominio_diaria", x => new { x.dia, x.dominio });
                });

            migrationBuilder.CreateTable(
                name: "estadistica_envio_cambio",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dia = table.Column<DateOnly>(type: "date", nullable: false),
                    tipo_correo = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    estado = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    dominio = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    motivo = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    cantidad = table.Column<int>(type: "integer", nullable: false),
                    transiciones = table.Column<int>(type: "integer", nullable: false),
                    fallidos = table.Column<int>(type: "integer", nullable: false),
                    enviados = table.Column<int>(type: "integer", nullable: false),
                    duracion_ms = table.Column<long>(type: "bigint", nullable: false),
                    duracion_max_ms = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_estadistica_envio_cambio", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "estadistica_envio_diaria",
                columns: table => new
                {
                    dia = table.Column<DateOnly>(type: "date", nullable: false),
                    tipo_correo = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    estado = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    cantidad = table.Column<long>(type: "bigint", nullable: false),
                    transiciones = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_estadistica_envio_diaria", x => new { x.dia, x.tipo_correo, x.estado });
                });

            migrationBuilder.CreateTable(
                name: "estadistica_motivo_diaria",
                columns: table => new
                {
                    dia = table.Column<DateOnly>(type: "date", nullable: false),
                    motivo = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    cantidad = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_estadistica_motivo_diaria", x => new { x.dia, x.motivo });
                });

            // Every change of an email's state and every event (a transition, possibly an accepted attempt with its
            // duration) appends a change row in the same transaction, whichever code or tool made it; see StatisticsCompactor.
            migrationBuilder.Sql("""
                CREATE FUNCTION estadistica_envio_registrar() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        INSERT INTO estadistica_envio_cambio (dia, tipo_correo, estado, dominio, motivo, cantidad, transiciones, fallidos, enviados, duracion_ms, duracion_max_ms)
                        VALUES ((((OLD.fecha_hora AT TIME ZONE 'UTC') - interval '5 hours')::date), OLD.tipo_correo, OLD.estado, lower(substr(OLD.correo_destino, strpos(OLD.correo_destino, '@') + 1)),
                                CASE WHEN OLD.estado = 'fallido' THEN substr(OLD.mensaje_error, 1, 80) END,
                                -1, 0, CASE WHEN OLD.estado IN ('fallido', 'rebotado') THEN -1 ELSE 0 END, 0, 0, 0);
                    END IF;
                    INSERT INTO estadistica_envio_cambio (dia, tipo_correo, estado, dominio, motivo, cantidad, transiciones, fallidos, enviados, duracion_ms, duracion_max_ms)
                    VALUES ((((NEW.fecha_hora AT TIME ZONE 'UTC') - interval '5 hours')::date), NEW.tipo_correo, NEW.estado, lower(substr(NEW.correo_destino, strpos(NEW.correo_destino, '@') + 1)),
                                CASE WHEN NEW.estado = 'fallido' THEN substr(NEW.mensaje_error, 1, 80) END,
                            1, 0, CASE WHEN NEW.estado IN ('fallido', 'rebotado') THEN 1 ELSE 0 END, 0, 0, 0);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER estadistica_envio_alta AFTER INSERT ON log_envio_correo
                    FOR EACH ROW EXECUTE FUNCTION estadistica_envio_registrar();
                CREATE TRIGGER estadistica_envio_estado AFTER UPDATE OF estado, mensaje_error ON log_envio_correo
                    FOR EACH ROW WHEN (OLD.estado IS DISTINCT FROM NEW.estado
                        OR (NEW.estado = 'fallido' AND OLD.mensaje_error IS DISTINCT FROM NEW.mensaje_error)) EXECUTE FUNCTION estadistica_envio_registrar();

                CREATE FUNCTION estadistica_envio_evento() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO estadistica_envio_cambio (dia, tipo_correo, estado, dominio, motivo, cantidad, transiciones, fallidos, enviados, duracion_ms, duracion_max_ms)
                    SELECT (((e.fecha_hora AT TIME ZONE 'UTC') - interval '5 hours')::date), e.tipo_correo, NEW.estado, lower(substr(e.correo_destino, strpos(e.correo_destino, '@') + 1)), NULL,
                           0, 1, 0,
                           CASE WHEN NEW.estado = 'enviado' AND NEW.duracion_ms IS NOT NULL THEN 1 ELSE 0 END,
                           CASE WHEN NEW.estado = 'enviado' THEN coalesce(NEW.duracion_ms, 0) ELSE 0 END,
                           CASE WHEN NEW.estado = 'enviado' THEN coalesce(NEW.duracion_ms, 0) ELSE 0 END
                    FROM log_envio_correo e WHERE e.id = NEW.id_correo;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER estadistica_envio_evento AFTER INSERT ON log_envio_correo_evento
                    FOR EACH ROW EXECUTE FUNCTION estadistica_envio_evento();
                """);

            // The history already in the log, counted once.
            migrationBuilder.Sql("""
                INSERT INTO estadistica_envio_diaria (dia, tipo_correo, estado, cantidad, transiciones)
                SELECT dia, tipo_correo, estado, SUM(c), SUM(t) FROM (
                    SELECT (((l.fecha_hora AT TIME ZONE 'UTC') - interval '5 hours')::date) AS dia, l.tipo_correo, l.estado, 1 AS c, 0 AS t FROM log_envio_correo l
                    UNION ALL
                    SELECT (((e.fecha_hora AT TIME ZONE 'UTC') - interval '5 hours')::date), e.tipo_correo, ev.estado, 0, 1
                    FROM log_envio_correo_evento ev JOIN log_envio_correo e ON e.id = ev.id_correo) AS todo
                GROUP BY dia, tipo_correo, estado;

                INSERT INTO estadistica_dominio_diaria (dia, dominio, fallidos, enviados, duracion_total_ms, duracion_max_ms)
                SELECT dia, dominio, SUM(f), SUM(s), SUM(d), MAX(d) FROM (
                    SELECT (((l.fecha_hora AT TIME ZONE 'UTC') - interval '5 hours')::date) AS dia, lower(substr(l.correo_destino, strpos(l.correo_destino, '@') + 1)) AS dominio, 1 AS f, 0 AS s, 0 AS d
                    FROM log_envio_correo l WHERE l.estado IN ('fallido', 'rebotado')
                    UNION ALL
                    SELECT (((e.fecha_hora AT TIME ZONE 'UTC') - interval '5 hours')::date), lower(substr(e.correo_destino, strpos(e.correo_destino, '@') + 1)), 0, 1, ev.duracion_ms
                    FROM log_envio_correo_evento ev JOIN log_envio_correo e ON e.id = ev.id_correo
                    WHERE ev.estado = 'enviado' AND ev.duracion_ms IS NOT NULL) AS todo
                GROUP BY dia, dominio;
                """);
            migrationBuilder.Sql("""
                INSERT INTO estadistica_motivo_diaria (dia, motivo, cantidad)
                SELECT (((fecha_hora AT TIME ZONE 'UTC') - interval '5 hours')::date), substr(mensaje_error, 1, 80), COUNT(*)
                FROM log_envio_correo WHERE estado = 'fallido' AND mensaje_error IS NOT NULL
                GROUP BY 1, 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS estadistica_envio_alta ON log_envio_correo;
                DROP TRIGGER IF EXISTS estadistica_envio_estado ON log_envio_correo;
                DROP TRIGGER IF EXISTS estadistica_envio_evento ON log_envio_correo_evento;
                DROP FUNCTION IF EXISTS estadistica_envio_registrar();
                DROP FUNCTION IF EXISTS estadistica_envio_evento();
                """);

            migrationBuilder.DropTable(
                name: "ajuste_panel");

            migrationBuilder.DropTable(
                name: "estadistica_dominio_diaria");

            migrationBuilder.DropTable(
                name: "estadistica_envio_cambio");

            migrationBuilder.DropTable(
                name: "estadistica_envio_diaria");

            migrationBuilder.DropTable(
                name: "estadistica_motivo_diaria");
        }
    }
}
