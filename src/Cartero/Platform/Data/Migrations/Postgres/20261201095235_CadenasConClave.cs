using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CadenasConClave : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "clave_id",
                table: "log_envio_correo_evento",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "log_envio_correo_evento",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "numero",
                table: "log_envio_correo_evento",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "eventos_cantidad",
                table: "log_envio_correo",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "eventos_hash",
                table: "log_envio_correo",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "clave_id",
                table: "log_auditoria",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "clave_id",
                table: "factura_evento",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "factura_evento",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "numero",
                table: "factura_evento",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "eventos_cantidad",
                table: "factura",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "eventos_hash",
                table: "factura",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "clave_id",
                table: "log_envio_correo_evento");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "log_envio_correo_evento");

            migrationBuilder.DropColumn(
                name: "numero",
                table: "log_envio_correo_evento");

            migrationBuilder.DropColumn(
                name: "eventos_cantidad",
                table: "log_envio_correo");

            migrationBuilder.DropColumn(
                name: "eventos_hash",
                table: "log_envio_correo");

            migrationBuilder.DropColumn(
                name: "clave_id",
                table: "log_auditoria");

            migrationBuilder.DropColumn(
                name: "clave_id",
                table: "factura_evento");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "factura_evento");

            migrationBuilder.DropColumn(
                name: "numero",
                table: "factura_evento");

            migrationBuilder.DropColumn(
                name: "eventos_cantidad",
                table: "factura");

            migrationBuilder.DropColumn(
                name: "eventos_hash",
                table: "factura");
        }
    }
}
