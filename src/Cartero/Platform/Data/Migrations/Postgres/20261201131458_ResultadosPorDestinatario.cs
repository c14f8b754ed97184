using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
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
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "destinatarios_pendientes",
                table: "log_envio_correo",
                type: "text",
                nullable: true);

            // An event about one recipient changes no state: the statistics count transitions, not these.
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS estadistica_envio_evento ON log_envio_correo_evento;
                CREATE TRIGGER estadistica_envio_evento AFTER INSERT ON log_envio_correo_evento
                    FOR EACH ROW WHEN (NEW.destinatario IS NULL AND NEW.tipo_evento IS NULL) EXECUTE FUNCTION estadistica_envio_evento();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS estadistica_envio_evento ON log_envio_correo_evento;
                CREATE TRIGGER estadistica_envio_evento AFTER INSERT ON log_envio_correo_evento
                    FOR EACH ROW WHEN (NEW.tipo_evento IS NULL) EXECUTE FUNCTION estadistica_envio_evento();
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
