using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmitirDeNuevo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "anulada_en",
                table: "factura",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "anulada_por",
                table: "factura",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "motivo_cierre",
                table: "factura",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "reemplaza_a",
                table: "factura",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "reemplazada_por",
                table: "factura",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "referencia_anulacion_sri",
                table: "factura",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "requiere_emitir_de_nuevo",
                table: "factura",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_factura_reemplaza_a",
                table: "factura",
                column: "reemplaza_a");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_factura_reemplaza_a",
                table: "factura");

            migrationBuilder.DropColumn(
                name: "anulada_en",
                table: "factura");

            migrationBuilder.DropColumn(
                name: "anulada_por",
                table: "factura");

            migrationBuilder.DropColumn(
                name: "motivo_cierre",
                table: "factura");

            migrationBuilder.DropColumn(
                name: "reemplaza_a",
                table: "factura");

            migrationBuilder.DropColumn(
                name: "reemplazada_por",
                table: "factura");

            migrationBuilder.DropColumn(
                name: "referencia_anulacion_sri",
                table: "factura");

            migrationBuilder.DropColumn(
                name: "requiere_emitir_de_nuevo",
                table: "factura");
        }
    }
}
