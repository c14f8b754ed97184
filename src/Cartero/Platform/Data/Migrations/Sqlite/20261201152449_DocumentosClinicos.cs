using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DocumentosClinicos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "consentimiento_clinico",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    cliente_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    medio = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    registrado_en = table.Column<DateTime>(type: "TEXT", nullable: false),
                    registrado_por = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    retirado_en = table.Column<DateTime>(type: "TEXT", nullable: true),
                    retirado_por = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consentimiento_clinico", x => x.id);
                    table.ForeignKey(
                        name: "FK_consentimiento_clinico_cliente_cliente_id",
                        column: x => x.cliente_id,
                        principalTable: "cliente",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "documento_clinico",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    cliente_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tipo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    contenido_cifrado = table.Column<string>(type: "TEXT", nullable: false),
                    creado_en = table.Column<DateTime>(type: "TEXT", nullable: false),
                    creado_por = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    id_correo = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_documento_clinico", x => x.id);
                    table.ForeignKey(
                        name: "FK_documento_clinico_cliente_cliente_id",
                        column: x => x.cliente_id,
                        principalTable: "cliente",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consentimiento_clinico_cliente",
                table: "consentimiento_clinico",
                column: "cliente_id");

            migrationBuilder.CreateIndex(
                name: "ix_documento_clinico_cliente",
                table: "documento_clinico",
                column: "cliente_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consentimiento_clinico");

            migrationBuilder.DropTable(
                name: "documento_clinico");
        }
    }
}
