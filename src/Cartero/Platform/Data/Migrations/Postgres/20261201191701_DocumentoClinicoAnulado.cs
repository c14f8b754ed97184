using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DocumentoClinicoAnulado : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "anulado_en",
                table: "documento_clinico",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "anulado_por",
                table: "documento_clinico",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "motivo_anulacion",
                table: "documento_clinico",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "anulado_en",
                table: "documento_clinico");

            migrationBuilder.DropColumn(
                name: "anulado_por",
                table: "documento_clinico");

            migrationBuilder.DropColumn(
                name: "motivo_anulacion",
                table: "documento_clinico");
        }
    }
}
