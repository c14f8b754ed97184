using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "anulado_por",
                table: "documento_clinico",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "motivo_anulacion",
                table: "documento_clinico",
                type: "TEXT",
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
