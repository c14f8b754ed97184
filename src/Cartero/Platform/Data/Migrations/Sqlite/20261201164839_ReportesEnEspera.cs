using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportesEnEspera : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "log_envio_correo_reporte_en_espera",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id_correo = table.Column<Guid>(type: "TEXT", nullable: false),
                    tipo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "TEXT", nullable: false),
                    hash_contenido = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reporte = table.Column<string>(type: "TEXT", nullable: false),
                    recibido = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_envio_correo_reporte_en_espera", x => x.id);
                    table.ForeignKey(
                        name: "FK_log_envio_correo_reporte_en_espera_log_envio_correo_id_correo",
                        column: x => x.id_correo,
                        principalTable: "log_envio_correo",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_reporte_en_espera_recibido",
                table: "log_envio_correo_reporte_en_espera",
                column: "recibido");

            migrationBuilder.CreateIndex(
                name: "ux_log_envio_correo_reporte_en_espera_unico",
                table: "log_envio_correo_reporte_en_espera",
                columns: new[] { "id_correo", "tipo", "fecha_hora", "hash_contenido" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "log_envio_correo_reporte_en_espera");
        }
    }
}
