using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResultadosPorDestinatario : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "destinatario",
                table: "log_envio_correo_evento",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "destinatarios_pendientes",
                table: "log_envio_correo",
                type: "TEXT",
                nullable: true);

            // An event about one recipient changes no state: the statistics count transitions, not these.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS estadistica_envio_evento;");
            migrationBuilder.Sql("""
                CREATE TRIGGER estadistica_envio_evento AFTER INSERT ON log_envio_correo_evento
                WHEN NEW.destinatario IS NULL AND NEW.tipo_evento IS NULL
                BEGIN
                    INSERT INTO estadistica_envio_cambio (dia, tipo_correo, estado, dominio, motivo, cantidad, transiciones, fallidos, enviados, duracion_ms, duracion_max_ms)
                    SELECT date(e.fecha_hora, '-5 hours'), e.tipo_correo, NEW.estado, lower(substr(e.correo_destino, instr(e.correo_destino, '@') + 1)), NULL,
                           0, 1, 0, NEW.estado = 'enviado' AND NEW.duracion_ms IS NOT NULL,
                           CASE WHEN NEW.estado = 'enviado' THEN coalesce(NEW.duracion_ms, 0) ELSE 0 END,
                           CASE WHEN NEW.estado = 'enviado' THEN coalesce(NEW.duracion_ms, 0) ELSE 0 END
                    FROM log_envio_correo e WHERE e.id = NEW.id_correo;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS estadistica_envio_evento;");
            migrationBuilder.Sql("""
                CREATE TRIGGER estadistica_envio_evento AFTER INSERT ON log_envio_correo_evento
                WHEN NEW.tipo_evento IS NULL
                BEGIN
                    INSERT INTO estadistica_envio_cambio (dia, tipo_correo, estado, dominio, motivo, cantidad, transiciones, fallidos, enviados, duracion_ms, duracion_max_ms)
                    SELECT date(e.fecha_hora, '-5 hours'), e.tipo_correo, NEW.estado, lower(substr(e.correo_destino, instr(e.correo_destino, '@') + 1)), NULL,
                           0, 1, 0, NEW.estado = 'enviado' AND NEW.duracion_ms IS NOT NULL,
                           CASE WHEN NEW.estado = 'enviado' THEN coalesce(NEW.duracion_ms, 0) ELSE 0 END,
                           CASE WHEN NEW.estado = 'enviado' THEN coalesce(NEW.duracion_ms, 0) ELSE 0 END
                    FROM log_envio_correo e WHERE e.id = NEW.id_correo;
                END;
                """);

            migrationBuilder.DropColumn(
                name: "destinatario",
                table: "log_envio_correo_evento");

            migrationBuilder.DropColumn(
                name: "destinatarios_pendientes",
                table: "log_envio_correo");
        }
    }
}
