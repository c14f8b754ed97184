using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotasDeCredito : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "nota_credito",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    id_factura = table.Column<Guid>(type: "TEXT", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "TEXT", nullable: false),
                    estado = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ambiente = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    establecimiento = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    punto_emision = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    secuencial = table.Column<long>(type: "INTEGER", nullable: false),
                    clave_acceso = table.Column<string>(type: "TEXT", maxLength: 49, nullable: false),
                    fecha_emision = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ruc_emisor = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    razon_social_emisor = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    comprador_tipo_identificacion = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    comprador_identificacion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    comprador_razon_social = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    comprador_correo = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    id_cliente = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    num_doc_modificado = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    motivo = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    total_sin_impuestos = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    valor_modificacion = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    clave_idempotencia = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    hash_solicitud = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    originado_por = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    xml_generado = table.Column<string>(type: "TEXT", nullable: false),
                    xml_firmado = table.Column<string>(type: "TEXT", nullable: true),
                    xml_autorizado = table.Column<string>(type: "TEXT", nullable: true),
                    numero_autorizacion = table.Column<string>(type: "TEXT", maxLength: 49, nullable: true),
                    fecha_autorizacion = table.Column<DateTime>(type: "TEXT", nullable: true),
                    intentos_sri = table.Column<int>(type: "INTEGER", nullable: false),
                    proximo_intento = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ultimo_error = table.Column<string>(type: "TEXT", nullable: true),
                    estado_correo = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    id_correo = table.Column<Guid>(type: "TEXT", nullable: true),
                    lease_propietario = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    lease_hasta = table.Column<DateTime>(type: "TEXT", nullable: true),
                    eventos_cantidad = table.Column<int>(type: "INTEGER", nullable: false),
                    eventos_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nota_credito", x => x.id);
                    table.ForeignKey(
                        name: "FK_nota_credito_factura_id_factura",
                        column: x => x.id_factura,
                        principalTable: "factura",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "secuencial_nota_credito",
                columns: table => new
                {
                    ambiente = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    establecimiento = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    punto_emision = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    siguiente = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secuencial_nota_credito", x => new { x.ambiente, x.establecimiento, x.punto_emision });
                });

            migrationBuilder.CreateTable(
                name: "nota_credito_evento",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id_nota_credito = table.Column<Guid>(type: "TEXT", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "TEXT", nullable: false),
                    estado = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    estado_anterior = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    detalle = table.Column<string>(type: "TEXT", nullable: false),
                    mensajes_sri = table.Column<string>(type: "TEXT", nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    numero = table.Column<int>(type: "INTEGER", nullable: true),
                    clave_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nota_credito_evento", x => x.id);
                    table.ForeignKey(
                        name: "FK_nota_credito_evento_nota_credito_id_nota_credito",
                        column: x => x.id_nota_credito,
                        principalTable: "nota_credito",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "nota_credito_linea",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id_nota_credito = table.Column<Guid>(type: "TEXT", nullable: false),
                    linea_factura = table.Column<int>(type: "INTEGER", nullable: false),
                    codigo = table.Column<string>(type: "TEXT", maxLength: 25, nullable: true),
                    descripcion = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    cantidad = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    precio_unitario = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    descuento = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    precio_total_sin_impuesto = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nota_credito_linea", x => x.id);
                    table.ForeignKey(
                        name: "FK_nota_credito_linea_nota_credito_id_nota_credito",
                        column: x => x.id_nota_credito,
                        principalTable: "nota_credito",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_nota_credito_factura",
                table: "nota_credito",
                columns: new[] { "id_factura", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_nota_credito_pendientes",
                table: "nota_credito",
                column: "proximo_intento");

            migrationBuilder.CreateIndex(
                name: "ux_nota_credito_clave_acceso",
                table: "nota_credito",
                column: "clave_acceso",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_nota_credito_clave_idempotencia",
                table: "nota_credito",
                column: "clave_idempotencia",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_nota_credito_secuencial",
                table: "nota_credito",
                columns: new[] { "ambiente", "establecimiento", "punto_emision", "secuencial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_nota_credito_evento_nota",
                table: "nota_credito_evento",
                columns: new[] { "id_nota_credito", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_nota_credito_linea",
                table: "nota_credito_linea",
                columns: new[] { "id_nota_credito", "linea_factura" },
                unique: true);

            migrationBuilder.Sql("""
                CREATE TRIGGER nota_credito_evento_sin_cambios BEFORE UPDATE ON nota_credito_evento
                BEGIN SELECT RAISE(ABORT, 'nota_credito_evento solo admite inserciones'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER nota_credito_evento_sin_borrado BEFORE DELETE ON nota_credito_evento
                BEGIN SELECT RAISE(ABORT, 'nota_credito_evento solo admite inserciones'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS nota_credito_evento_sin_cambios;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS nota_credito_evento_sin_borrado;");
            migrationBuilder.DropTable(
                name: "nota_credito_evento");

            migrationBuilder.DropTable(
                name: "nota_credito_linea");

            migrationBuilder.DropTable(
                name: "secuencial_nota_credito");

            migrationBuilder.DropTable(
                name: "nota_credito");
        }
    }
}
