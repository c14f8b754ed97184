using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PedidoEventoSoloAnexar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // pedido_evento is a lens order's history (who moved it, when): append-only, like the other histories.
            migrationBuilder.Sql("""
                CREATE TRIGGER pedido_evento_sin_cambios BEFORE UPDATE ON pedido_evento
                BEGIN SELECT RAISE(ABORT, 'pedido_evento solo admite inserciones'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER pedido_evento_sin_borrado BEFORE DELETE ON pedido_evento
                BEGIN SELECT RAISE(ABORT, 'pedido_evento solo admite inserciones'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS pedido_evento_sin_cambios;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS pedido_evento_sin_borrado;");
        }
    }
}
