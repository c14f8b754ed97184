using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id_correo = table.Column<Guid>(type: "uuid", nullable: false),
                    tipo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    hash_contenido = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reporte = table.Column<string>(type: "text", nullable: false),
                    recibido = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_envio_correo_reporte_en_espera", x => x.id);
                    table.ForeignKey(
                        name: "FK_log_envio_correo_reporte_en_espera_log_envio_correo_id_corr~",
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
