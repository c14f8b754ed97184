using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
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
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "contenido_depurado_en",
                table: "log_envio_correo",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "retencion_contenido",
                columns: table => new
                {
                    tipo_correo = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    dias = table.Column<int>(type: "integer", nullable: false),
                    actualizado_en = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actualizado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retencion_contenido", x => x.tipo_correo);
                });

            migrationBuilder.CreateTable(
                name: "retencion_legal",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entidad_tipo = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entidad_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    motivo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    creada_en = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    creada_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    levantada_en = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    levantada_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS estadistica_envio_evento ON log_envio_correo_evento;
                CREATE TRIGGER estadistica_envio_evento AFTER INSERT ON log_envio_correo_evento
                    FOR EACH ROW WHEN (NEW.tipo_evento IS NULL) EXECUTE FUNCTION estadistica_envio_evento();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS estadistica_envio_evento ON log_envio_correo_evento;
                CREATE TRIGGER estadistica_envio_evento AFTER INSERT ON log_envio_correo_evento
                    FOR EACH ROW EXECUTE FUNCTION estadistica_envio_evento();
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
