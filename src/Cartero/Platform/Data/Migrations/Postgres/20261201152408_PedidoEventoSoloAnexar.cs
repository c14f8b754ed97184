using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PedidoEventoSoloAnexar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // pedido_evento is a lens order's history (who moved it, when): append-only, with the function the other histories use.
            migrationBuilder.Sql("CREATE TRIGGER pedido_evento_solo_anexar BEFORE UPDATE OR DELETE OR TRUNCATE ON pedido_evento FOR EACH STATEMENT EXECUTE FUNCTION cartero_solo_anexar();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS pedido_evento_solo_anexar ON pedido_evento;");
        }
    }
}
