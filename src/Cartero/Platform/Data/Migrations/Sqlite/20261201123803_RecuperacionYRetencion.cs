using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecuperacionYRetencion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tipo_evento",
                table: "log_envio_correo_evento",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "contenido_depurado_en",
                table: "log_envio_correo",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "retencion_contenido",
                columns: table => new
                {
                    tipo_correo = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    dias = table.Column<int>(type: "INTEGER", nullable: false),
                    actualizado_en = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actualizado_por = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retencion_contenido", x => x.tipo_correo);
                });

            migrationBuilder.CreateTable(
                name: "retencion_legal",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entidad_tipo = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entidad_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    motivo = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    creada_en = table.Column<DateTime>(type: "TEXT", nullable: false),
                    creada_por = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    levantada_en = table.Column<DateTime>(type: "TEXT", nullable: true),
                    levantada_por = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retencion_legal", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_retencion_legal_entidad",
                table: "retencion_legal",
                columns: new[] { "entidad_tipo", "entidad_id" });

            // An event that is not a state change (tipo_evento, e.g. contenido_depurado) is no transition: the statistics skip it.
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS estadistica_envio_evento;");
            migrationBuilder.Sql("""
                CREATE TRIGGER estadistica_envio_evento AFTER INSERT ON log_envio_correo_evento
                BEGIN
                    INSERT INTO estadistica_envio_cambio (dia, tipo_correo, estado, dominio, motivo, cantidad, transiciones, fallidos, enviados, duracion_ms, duracion_max_ms)
                    SELECT date(e.fecha_hora, '-5 hours'), e.tipo_correo, NEW.estado, lower(substr(e.correo_destino, instr(e.correo_destino, '@') + 1)), NULL,
                           0, 1, 0, NEW.estado = 'enviado' AND NEW.duracion_ms IS NOT NULL,
                           CASE WHEN NEW.estado = 'enviado' THEN coalesce(NEW.duracion_ms, 0) ELSE 0 END,
                           CASE WHEN NEW.estado = 'enviado' THEN coalesce(NEW.duracion_ms, 0) ELSE 0 END
                    FROM log_envio_correo e WHERE e.id = NEW.id_correo;
                END;
                """);

            migrationBuilder.DropTable(
                name: "retencion_contenido");

            migrationBuilder.DropTable(
                name: "retencion_legal");

            migrationBuilder.DropColumn(
                name: "tipo_evento",
                table: "log_envio_correo_evento");

            migrationBuilder.DropColumn(
                name: "contenido_depurado_en",
                table: "log_envio_correo");
        }
    }
}
