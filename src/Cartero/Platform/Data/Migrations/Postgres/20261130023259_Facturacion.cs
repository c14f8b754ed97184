using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Facturacion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "configuracion_facturacion",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    ruc = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    razon_social = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    nombre_comercial = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    direccion_matriz = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    direccion_establecimiento = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    obligado_contabilidad = table.Column<bool>(type: "boolean", nullable: false),
                    contribuyente_especial = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    contribuyente_rimpe = table.Column<bool>(type: "boolean", nullable: false),
                    agente_retencion = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    establecimiento = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    punto_emision = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ambiente = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    certificado_cifrado = table.Column<string>(type: "text", nullable: true),
                    contrasena_certificado_cifrada = table.Column<string>(type: "text", nullable: true),
                    certificado_sujeto = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    certificado_emisor = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    certificado_vence = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actualizado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_configuracion_facturacion", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "factura",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    estado = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ambiente = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    establecimiento = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    punto_emision = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    secuencial = table.Column<long>(type: "bigint", nullable: false),
                    clave_acceso = table.Column<string>(type: "character varying(49)", maxLength: 49, nullable: false),
                    fecha_emision = table.Column<DateOnly>(type: "date", nullable: false),
                    ruc_emisor = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    razon_social_emisor = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    comprador_tipo_identificacion = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    comprador_identificacion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    comprador_razon_social = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    comprador_correo = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    id_cliente = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    importe_total = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    referencia_externa = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    clave_idempotencia = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    hash_solicitud = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    originado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xml_generado = table.Column<string>(type: "text", nullable: false),
                    xml_firmado = table.Column<string>(type: "text", nullable: true),
                    xml_autorizado = table.Column<string>(type: "text", nullable: true),
                    numero_autorizacion = table.Column<string>(type: "character varying(49)", maxLength: 49, nullable: true),
                    fecha_autorizacion = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    intentos_sri = table.Column<int>(type: "integer", nullable: false),
                    proximo_intento = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ultimo_error = table.Column<string>(type: "text", nullable: true),
                    estado_correo = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    id_correo = table.Column<Guid>(type: "uuid", nullable: true),
                    lease_propietario = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_hasta = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_factura", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "secuencial_factura",
                columns: table => new
                {
                    ambiente = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    establecimiento = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    punto_emision = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    siguiente = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secuencial_factura", x => new { x.ambiente, x.establecimiento, x.punto_emision });
                });

            migrationBuilder.CreateTable(
                name: "factura_evento",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id_factura = table.Column<Guid>(type: "uuid", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    estado = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    estado_anterior = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    detalle = table.Column<string>(type: "text", nullable: false),
                    mensajes_sri = table.Column<string>(type: "text", nullable: true),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_factura_evento", x => x.id);
                    table.ForeignKey(
                        name: "FK_factura_evento_factura_id_factura",
                        column: x => x.id_factura,
                        principalTable: "factura",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_factura_fecha_hora",
                table: "factura",
                columns: new[] { "fecha_hora", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_factura_pendientes",
                table: "factura",
                column: "proximo_intento");

            migrationBuilder.CreateIndex(
                name: "ix_factura_referencia_externa",
                table: "factura",
                column: "referencia_externa");

            migrationBuilder.CreateIndex(
                name: "ux_factura_clave_acceso",
                table: "factura",
                column: "clave_acceso",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_factura_clave_idempotencia",
                table: "factura",
                column: "clave_idempotencia",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_factura_secuencial",
                table: "factura",
                columns: new[] { "ambiente", "establecimiento", "punto_emision", "secuencial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_factura_evento_factura",
                table: "factura_evento",
                columns: new[] { "id_factura", "id" });

            // factura_evento is append-only: the SRI's answers are never rewritten, whoever connects.
            migrationBuilder.Sql("CREATE TRIGGER factura_evento_solo_anexar BEFORE UPDATE OR DELETE OR TRUNCATE ON factura_evento FOR EACH STATEMENT EXECUTE FUNCTION cartero_solo_anexar();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS factura_evento_solo_anexar ON factura_evento;");
            migrationBuilder.DropTable(
                name: "configuracion_facturacion");

            migrationBuilder.DropTable(
                name: "factura_evento");

            migrationBuilder.DropTable(
                name: "secuencial_factura");

            migrationBuilder.DropTable(
                name: "factura");
        }
    }
}
