using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegistrosSoloAnexar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Append-only tables: history is never rewritten, whoever connects.
            migrationBuilder.Sql("""
                CREATE FUNCTION cartero_solo_anexar() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% solo admite inserciones', TG_TABLE_NAME;
                END;
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER log_envio_correo_evento_solo_anexar BEFORE UPDATE OR DELETE OR TRUNCATE ON log_envio_correo_evento FOR EACH STATEMENT EXECUTE FUNCTION cartero_solo_anexar();");
            migrationBuilder.Sql("CREATE TRIGGER log_auditoria_solo_anexar BEFORE UPDATE OR DELETE OR TRUNCATE ON log_auditoria FOR EACH STATEMENT EXECUTE FUNCTION cartero_solo_anexar();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_envio_correo_evento_solo_anexar ON log_envio_correo_evento;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_auditoria_solo_anexar ON log_auditoria;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS cartero_solo_anexar();");
        }
    }
}
