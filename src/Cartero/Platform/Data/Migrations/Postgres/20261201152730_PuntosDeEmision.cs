using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PuntosDeEmision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "logo",
                table: "configuracion_facturacion",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "logo_tipo",
                table: "configuracion_facturacion",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "establecimiento",
                columns: table => new
                {
                    codigo = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    nombre = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    direccion = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actualizado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_establecimiento", x => x.codigo);
                });

            migrationBuilder.CreateTable(
                name: "punto_emision",
                columns: table => new
                {
                    establecimiento = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    codigo = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    descripcion = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    formato_ride = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actualizado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_punto_emision", x => new { x.establecimiento, x.codigo });
                    table.ForeignKey(
                        name: "FK_punto_emision_establecimiento_establecimiento",
                        column: x => x.establecimiento,
                        principalTable: "establecimiento",
                        principalColumn: "codigo",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "punto_emision_usuario",
                columns: table => new
                {
                    usuario = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    establecimiento = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    punto_emision = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_punto_emision_usuario", x => x.usuario);
                    table.ForeignKey(
                        name: "FK_punto_emision_usuario_punto_emision_establecimiento_punto_e~",
                        columns: x => new { x.establecimiento, x.punto_emision },
                        principalTable: "punto_emision",
                        principalColumns: new[] { "establecimiento", "codigo" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_punto_emision_usuario_punto",
                table: "punto_emision_usuario",
                columns: new[] { "establecimiento", "punto_emision" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "punto_emision_usuario");

            migrationBuilder.DropTable(
                name: "punto_emision");

            migrationBuilder.DropTable(
                name: "establecimiento");

            migrationBuilder.DropColumn(
                name: "logo",
                table: "configuracion_facturacion");

            migrationBuilder.DropColumn(
                name: "logo_tipo",
                table: "configuracion_facturacion");
        }
    }
}
