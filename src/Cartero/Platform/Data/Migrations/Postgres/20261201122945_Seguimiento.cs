using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Seguimiento : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bandeja_webhook",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    proveedor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    recibido = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cuerpo = table.Column<string>(type: "text", nullable: false),
                    marca_tiempo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    firma_valida = table.Column<bool>(type: "boolean", nullable: false),
                    verificacion = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    eventos = table.Column<int>(type: "integer", nullable: false),
                    aplicado = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    veces_aplicado = table.Column<int>(type: "integer", nullable: false),
                    resultado = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bandeja_webhook", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "configuracion_seguimiento",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    webhook_sendgrid_activo = table.Column<bool>(type: "boolean", nullable: false),
                    clave_publica_sendgrid = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    tolerancia_segundos = table.Column<int>(type: "integer", nullable: false),
                    pixel_activo = table.Column<bool>(type: "boolean", nullable: false),
                    tipos_sin_pixel = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    actualizado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_configuracion_seguimiento", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lista_supresion",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    direccion = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    motivo = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    evento_origen = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    agregado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lista_supresion", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_envio_correo_reporte",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id_correo = table.Column<Guid>(type: "uuid", nullable: false),
                    tipo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    origen = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recibido = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    motivo = table.Column<string>(type: "text", nullable: true),
                    codigo_estado = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    respuesta_servidor = table.Column<string>(type: "text", nullable: true),
                    mta_remoto = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    hash_contenido = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    numero_evento = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_envio_correo_reporte", x => x.id);
                    table.ForeignKey(
                        name: "FK_log_envio_correo_reporte_log_envio_correo_id_correo",
                        column: x => x.id_correo,
                        principalTable: "log_envio_correo",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_id_mensaje_proveedor",
                table: "log_envio_correo",
                column: "id_mensaje_proveedor");

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_message_id",
                table: "log_envio_correo",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_bandeja_webhook_recibido",
                table: "bandeja_webhook",
                column: "recibido");

            migrationBuilder.CreateIndex(
                name: "ux_lista_supresion_direccion",
                table: "lista_supresion",
                column: "direccion",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_log_envio_correo_reporte_unico",
                table: "log_envio_correo_reporte",
                columns: new[] { "id_correo", "tipo", "fecha_hora", "hash_contenido" },
                unique: true);

            // The reports are the evidence behind entregado, abierto and rebotado: append-only, like the events they wrote.
            migrationBuilder.Sql("CREATE TRIGGER log_envio_correo_reporte_solo_anexar BEFORE UPDATE OR DELETE OR TRUNCATE ON log_envio_correo_reporte FOR EACH STATEMENT EXECUTE FUNCTION cartero_solo_anexar();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_envio_correo_reporte_solo_anexar ON log_envio_correo_reporte;");
            migrationBuilder.DropTable(
                name: "bandeja_webhook");

            migrationBuilder.DropTable(
                name: "configuracion_seguimiento");

            migrationBuilder.DropTable(
                name: "lista_supresion");

            migrationBuilder.DropTable(
                name: "log_envio_correo_reporte");

            migrationBuilder.DropIndex(
                name: "ix_log_envio_correo_id_mensaje_proveedor",
                table: "log_envio_correo");

            migrationBuilder.DropIndex(
                name: "ix_log_envio_correo_message_id",
                table: "log_envio_correo");
        }
    }
}
