using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Inicial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clave_api",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    nombre = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prefijo = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    es_admin = table.Column<bool>(type: "boolean", nullable: false),
                    creada_en = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    creada_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    revocada_en = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ultimo_uso = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clave_api", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "configuracion_correo",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    proveedor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    servidor = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    puerto = table.Column<int>(type: "integer", nullable: true),
                    seguridad = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    usuario = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    contrasena_cifrada = table.Column<string>(type: "text", nullable: true),
                    clave_api_cifrada = table.Column<string>(type: "text", nullable: true),
                    clave_api_ultimos4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    sendgrid_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    certificado_confiable_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    remitente_correo = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    remitente_nombre = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    responder_a = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    actualizado_en = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actualizado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_configuracion_correo", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_auditoria",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    accion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    objeto = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    detalle = table.Column<string>(type: "text", nullable: true),
                    hash_anterior = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_auditoria", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_envio_correo",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    tipo_correo = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    destinatario_tipo = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    destinatario_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    correo_destino = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    nombre_destino = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    correo_cc = table.Column<string>(type: "text", nullable: true),
                    correo_cco = table.Column<string>(type: "text", nullable: true),
                    entidad_tipo = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    entidad_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    estado = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    mensaje_error = table.Column<string>(type: "text", nullable: true),
                    origen = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    originado_por = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    asunto = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    plantilla = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    proveedor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    id_mensaje_proveedor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    intentos = table.Column<int>(type: "integer", nullable: false),
                    proximo_intento = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ultimo_intento = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    clave_idempotencia = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    hash_solicitud = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    lease_propietario = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_expira = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    adjuntos = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_envio_correo", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_envio_correo_contenido",
                columns: table => new
                {
                    id_correo = table.Column<Guid>(type: "uuid", nullable: false),
                    html = table.Column<string>(type: "text", nullable: true),
                    texto = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_envio_correo_contenido", x => x.id_correo);
                    table.ForeignKey(
                        name: "FK_log_envio_correo_contenido_log_envio_correo_id_correo",
                        column: x => x.id_correo,
                        principalTable: "log_envio_correo",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "log_envio_correo_evento",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id_correo = table.Column<Guid>(type: "uuid", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    estado = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    estado_anterior = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    detalle = table.Column<string>(type: "text", nullable: true),
                    codigo = table.Column<int>(type: "integer", nullable: true),
                    proveedor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    duracion_ms = table.Column<int>(type: "integer", nullable: true),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_envio_correo_evento", x => x.id);
                    table.ForeignKey(
                        name: "FK_log_envio_correo_evento_log_envio_correo_id_correo",
                        column: x => x.id_correo,
                        principalTable: "log_envio_correo",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_clave_api_nombre",
                table: "clave_api",
                column: "nombre");

            migrationBuilder.CreateIndex(
                name: "ux_clave_api_hash",
                table: "clave_api",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_log_auditoria_fecha_hora",
                table: "log_auditoria",
                column: "fecha_hora");

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_correo_destino",
                table: "log_envio_correo",
                columns: new[] { "correo_destino", "fecha_hora" });

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_destinatario_id",
                table: "log_envio_correo",
                column: "destinatario_id");

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_entidad",
                table: "log_envio_correo",
                columns: new[] { "entidad_tipo", "entidad_id" });

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_estado",
                table: "log_envio_correo",
                columns: new[] { "estado", "fecha_hora" });

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_fecha_hora",
                table: "log_envio_correo",
                columns: new[] { "fecha_hora", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_pendientes",
                table: "log_envio_correo",
                columns: new[] { "estado", "proximo_intento" });

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_tipo",
                table: "log_envio_correo",
                columns: new[] { "tipo_correo", "fecha_hora" });

            migrationBuilder.CreateIndex(
                name: "ux_log_envio_correo_clave_idempotencia",
                table: "log_envio_correo",
                column: "clave_idempotencia",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_log_envio_correo_evento_correo",
                table: "log_envio_correo_evento",
                columns: new[] { "id_correo", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clave_api");

            migrationBuilder.DropTable(
                name: "configuracion_correo");

            migrationBuilder.DropTable(
                name: "log_auditoria");

            migrationBuilder.DropTable(
                name: "log_envio_correo_contenido");

            migrationBuilder.DropTable(
                name: "log_envio_correo_evento");

            migrationBuilder.DropTable(
                name: "log_envio_correo");
        }
    }
}
