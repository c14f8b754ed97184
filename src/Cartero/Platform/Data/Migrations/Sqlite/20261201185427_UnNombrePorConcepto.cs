using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnNombrePorConcepto : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "fecha_actualizacion",
                table: "producto",
                newName: "actualizado_en");

            migrationBuilder.RenameColumn(
                name: "ultimo_error",
                table: "nota_credito",
                newName: "mensaje_error");

            migrationBuilder.RenameColumn(
                name: "lease_hasta",
                table: "nota_credito",
                newName: "lease_expira");

            migrationBuilder.RenameColumn(
                name: "ultimo_error",
                table: "factura",
                newName: "mensaje_error");

            migrationBuilder.RenameColumn(
                name: "lease_hasta",
                table: "factura",
                newName: "lease_expira");

            migrationBuilder.RenameColumn(
                name: "ultimo_error_en",
                table: "estado_buzon_rebotes",
                newName: "mensaje_error_en");

            migrationBuilder.RenameColumn(
                name: "ultimo_error",
                table: "estado_buzon_rebotes",
                newName: "mensaje_error");

            migrationBuilder.RenameColumn(
                name: "fecha_creacion",
                table: "cliente",
                newName: "creado_en");

            migrationBuilder.RenameColumn(
                name: "fecha_actualizacion",
                table: "cliente",
                newName: "actualizado_en");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "actualizado_en",
                table: "producto",
                newName: "fecha_actualizacion");

            migrationBuilder.RenameColumn(
                name: "mensaje_error",
                table: "nota_credito",
                newName: "ultimo_error");

            migrationBuilder.RenameColumn(
                name: "lease_expira",
                table: "nota_credito",
                newName: "lease_hasta");

            migrationBuilder.RenameColumn(
                name: "mensaje_error",
                table: "factura",
                newName: "ultimo_error");

            migrationBuilder.RenameColumn(
                name: "lease_expira",
                table: "factura",
                newName: "lease_hasta");

            migrationBuilder.RenameColumn(
                name: "mensaje_error_en",
                table: "estado_buzon_rebotes",
                newName: "ultimo_error_en");

            migrationBuilder.RenameColumn(
                name: "mensaje_error",
                table: "estado_buzon_rebotes",
                newName: "ultimo_error");

            migrationBuilder.RenameColumn(
                name: "creado_en",
                table: "cliente",
                newName: "fecha_creacion");

            migrationBuilder.RenameColumn(
                name: "actualizado_en",
                table: "cliente",
                newName: "fecha_actualizacion");
        }
    }
}
