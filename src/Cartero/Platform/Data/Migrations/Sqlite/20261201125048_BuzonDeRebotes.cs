using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BuzonDeRebotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "buzon_rebotes_carpeta",
                table: "configuracion_correo",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "buzon_rebotes_contrasena_cifrada",
                table: "configuracion_correo",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "buzon_rebotes_habilitado",
                table: "configuracion_correo",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "buzon_rebotes_puerto",
                table: "configuracion_correo",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "buzon_rebotes_seguridad",
                table: "configuracion_correo",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "auto");

            migrationBuilder.AddColumn<string>(
                name: "buzon_rebotes_servidor",
                table: "configuracion_correo",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "buzon_rebotes_usuario",
                table: "configuracion_correo",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ruta_retorno",
                table: "configuracion_correo",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "estado_buzon_rebotes",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    ultima_revision = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ultima_revision_correcta = table.Column<bool>(type: "INTEGER", nullable: false),
                    leidos = table.Column<int>(type: "INTEGER", nullable: false),
                    rebotes_definitivos = table.Column<int>(type: "INTEGER", nullable: false),
                    rebotes_temporales = table.Column<int>(type: "INTEGER", nullable: false),
                    respuestas_automaticas = table.Column<int>(type: "INTEGER", nullable: false),
                    sin_coincidencia = table.Column<int>(type: "INTEGER", nullable: false),
                    pendientes = table.Column<int>(type: "INTEGER", nullable: false),
                    ultimo_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ultimo_error_en = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_estado_buzon_rebotes", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "estado_buzon_rebotes");

            migrationBuilder.DropColumn(
                name: "buzon_rebotes_carpeta",
                table: "configuracion_correo");

            migrationBuilder.DropColumn(
                name: "buzon_rebotes_contrasena_cifrada",
                table: "configuracion_correo");

            migrationBuilder.DropColumn(
                name: "buzon_rebotes_habilitado",
                table: "configuracion_correo");

            migrationBuilder.DropColumn(
                name: "buzon_rebotes_puerto",
                table: "configuracion_correo");

            migrationBuilder.DropColumn(
                name: "buzon_rebotes_seguridad",
                table: "configuracion_correo");

            migrationBuilder.DropColumn(
                name: "buzon_rebotes_servidor",
                table: "configuracion_correo");

            migrationBuilder.DropColumn(
                name: "buzon_rebotes_usuario",
                table: "configuracion_correo");

            migrationBuilder.DropColumn(
                name: "ruta_retorno",
                table: "configuracion_correo");
        }
    }
}
