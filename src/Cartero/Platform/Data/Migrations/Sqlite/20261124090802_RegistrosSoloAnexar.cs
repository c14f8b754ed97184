using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegistrosSoloAnexar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // log_envio_correo_evento is append-only: history is never rewritten, whoever connects.
            migrationBuilder.Sql("""
                CREATE TRIGGER log_envio_correo_evento_sin_cambios BEFORE UPDATE ON log_envio_correo_evento
                BEGIN SELECT RAISE(ABORT, 'log_envio_correo_evento solo admite inserciones'); END;
                """);
            // log_envio_correo_evento is append-only: history is never rewritten, whoever connects.
            migrationBuilder.Sql("""
                CREATE TRIGGER log_envio_correo_evento_sin_borrado BEFORE DELETE ON log_envio_correo_evento
                BEGIN SELECT RAISE(ABORT, 'log_envio_correo_evento solo admite inserciones'); END;
                """);
            // log_auditoria is append-only: history is never rewritten, whoever connects.
            migrationBuilder.Sql("""
                CREATE TRIGGER log_auditoria_sin_cambios BEFORE UPDATE ON log_auditoria
                BEGIN SELECT RAISE(ABORT, 'log_auditoria solo admite inserciones'); END;
                """);
            // log_auditoria is append-only: history is never rewritten, whoever connects.
            migrationBuilder.Sql("""
                CREATE TRIGGER log_auditoria_sin_borrado BEFORE DELETE ON log_auditoria
                BEGIN SELECT RAISE(ABORT, 'log_auditoria solo admite inserciones'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_envio_correo_evento_sin_cambios;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_envio_correo_evento_sin_borrado;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_auditoria_sin_cambios;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_auditoria_sin_borrado;");
        }
    }
}
