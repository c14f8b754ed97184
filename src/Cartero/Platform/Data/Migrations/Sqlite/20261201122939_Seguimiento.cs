using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proveedor = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    recibido = table.Column<DateTime>(type: "TEXT", nullable: false),
                    cuerpo = table.Column<string>(type: "TEXT", nullable: false),
                    marca_tiempo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    firma_valida = table.Column<bool>(type: "INTEGER", nullable: false),
                    verificacion = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    eventos = table.Column<int>(type: "INTEGER", nullable: false),
                    aplicado = table.Column<DateTime>(type: "TEXT", nullable: true),
                    veces_aplicado = table.Column<int>(type: "INTEGER", nullable: false),
                    resultado = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bandeja_webhook", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "configuracion_seguimiento",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    webhook_sendgrid_activo = table.Column<bool>(type: "INTEGER", nullable: false),
                    clave_publica_sendgrid = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    tolerancia_segundos = table.Column<int>(type: "INTEGER", nullable: false),
                    pixel_activo = table.Column<bool>(type: "INTEGER", nullable: false),
                    tipos_sin_pixel = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "TEXT", nullable: true),
                    actualizado_por = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_configuracion_seguimiento", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lista_supresion",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    direccion = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    motivo = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    evento_origen = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "TEXT", nullable: false),
                    agregado_por = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lista_supresion", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_envio_correo_reporte",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id_correo = table.Column<Guid>(type: "TEXT", nullable: false),
                    tipo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    origen = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recibido = table.Column<DateTime>(type: "TEXT", nullable: false),
                    motivo = table.Column<string>(type: "TEXT", nullable: true),
                    codigo_estado = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    respuesta_servidor = table.Column<string>(type: "TEXT", nullable: true),
                    mta_remoto = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    hash_contenido = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    numero_evento = table.Column<int>(type: "INTEGER", nullable: true)
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
            migrationBuilder.Sql("""
                CREATE TRIGGER log_envio_correo_reporte_sin_cambios BEFORE UPDATE ON log_envio_correo_reporte
                BEGIN SELECT RAISE(ABORT, 'log_envio_correo_reporte solo admite inserciones'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER log_envio_correo_reporte_sin_borrado BEFORE DELETE ON log_envio_correo_reporte
                BEGIN SELECT RAISE(ABORT, 'log_envio_correo_reporte solo admite inserciones'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_envio_correo_reporte_sin_cambios;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_envio_correo_reporte_sin_borrado;");
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
