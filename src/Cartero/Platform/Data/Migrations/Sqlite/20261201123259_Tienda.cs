using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cartero.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Tienda : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cliente",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    nombres = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    tipo_identificacion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    identificacion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    correo = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    telefono = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    direccion = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    usuario_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    fecha_creacion = table.Column<DateTime>(type: "TEXT", nullable: false),
                    fecha_actualizacion = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cliente", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "producto",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    codigo = table.Column<string>(type: "TEXT", maxLength: 25, nullable: false),
                    descripcion = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    categoria = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    precio = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    codigo_tarifa_iva = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    stock = table.Column<int>(type: "INTEGER", nullable: false),
                    stock_minimo = table.Column<int>(type: "INTEGER", nullable: false),
                    alerta_stock_enviada = table.Column<bool>(type: "INTEGER", nullable: false),
                    fecha_actualizacion = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_producto", x => x.id);
                    table.CheckConstraint("ck_producto_minimo", "stock_minimo >= 0");
                });

            migrationBuilder.CreateTable(
                name: "venta",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "TEXT", nullable: false),
                    vendedor_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    vendedor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    cliente_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    subtotal = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    descuento = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    iva = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    enviar_correo = table.Column<bool>(type: "INTEGER", nullable: false),
                    correo_destino = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    stock_negativo_autorizado = table.Column<bool>(type: "INTEGER", nullable: false),
                    factura_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    factura_error = table.Column<string>(type: "TEXT", nullable: true),
                    correo_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_venta", x => x.id);
                    table.ForeignKey(
                        name: "FK_venta_cliente_cliente_id",
                        column: x => x.cliente_id,
                        principalTable: "cliente",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pedido",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "TEXT", nullable: false),
                    venta_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    cliente_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    receta_referencia = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    laboratorio = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    estado = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    fecha_estimada = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    aviso_listo_enviado = table.Column<bool>(type: "INTEGER", nullable: false),
                    aviso_listo_correo_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pedido", x => x.id);
                    table.ForeignKey(
                        name: "FK_pedido_cliente_cliente_id",
                        column: x => x.cliente_id,
                        principalTable: "cliente",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pedido_venta_venta_id",
                        column: x => x.venta_id,
                        principalTable: "venta",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "venta_linea",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    venta_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    producto_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    codigo = table.Column<string>(type: "TEXT", maxLength: 25, nullable: false),
                    descripcion = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    cantidad = table.Column<int>(type: "INTEGER", nullable: false),
                    precio_unitario = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    descuento = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    codigo_tarifa_iva = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    tarifa_iva = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    precio_total_sin_impuesto = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_venta_linea", x => x.id);
                    table.ForeignKey(
                        name: "FK_venta_linea_producto_producto_id",
                        column: x => x.producto_id,
                        principalTable: "producto",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_venta_linea_venta_venta_id",
                        column: x => x.venta_id,
                        principalTable: "venta",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "venta_pago",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    venta_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    forma_pago = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_venta_pago", x => x.id);
                    table.ForeignKey(
                        name: "FK_venta_pago_venta_venta_id",
                        column: x => x.venta_id,
                        principalTable: "venta",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pedido_evento",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pedido_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fecha_hora = table.Column<DateTime>(type: "TEXT", nullable: false),
                    estado = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    detalle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pedido_evento", x => x.id);
                    table.ForeignKey(
                        name: "FK_pedido_evento_pedido_pedido_id",
                        column: x => x.pedido_id,
                        principalTable: "pedido",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cliente_correo",
                table: "cliente",
                column: "correo");

            migrationBuilder.CreateIndex(
                name: "ix_cliente_usuario",
                table: "cliente",
                column: "usuario_id");

            migrationBuilder.CreateIndex(
                name: "ux_cliente_identificacion",
                table: "cliente",
                columns: new[] { "tipo_identificacion", "identificacion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pedido_cliente_id",
                table: "pedido",
                column: "cliente_id");

            migrationBuilder.CreateIndex(
                name: "ix_pedido_estado",
                table: "pedido",
                columns: new[] { "estado", "fecha_hora" });

            migrationBuilder.CreateIndex(
                name: "IX_pedido_venta_id",
                table: "pedido",
                column: "venta_id");

            migrationBuilder.CreateIndex(
                name: "IX_pedido_evento_pedido_id",
                table: "pedido_evento",
                column: "pedido_id");

            migrationBuilder.CreateIndex(
                name: "ux_producto_codigo",
                table: "producto",
                column: "codigo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venta_cliente",
                table: "venta",
                column: "cliente_id");

            migrationBuilder.CreateIndex(
                name: "ix_venta_factura",
                table: "venta",
                column: "factura_id");

            migrationBuilder.CreateIndex(
                name: "ix_venta_vendedor",
                table: "venta",
                columns: new[] { "vendedor_id", "fecha_hora" });

            migrationBuilder.CreateIndex(
                name: "IX_venta_linea_producto_id",
                table: "venta_linea",
                column: "producto_id");

            migrationBuilder.CreateIndex(
                name: "IX_venta_linea_venta_id",
                table: "venta_linea",
                column: "venta_id");

            migrationBuilder.CreateIndex(
                name: "IX_venta_pago_venta_id",
                table: "venta_pago",
                column: "venta_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pedido_evento");

            migrationBuilder.DropTable(
                name: "venta_linea");

            migrationBuilder.DropTable(
                name: "venta_pago");

            migrationBuilder.DropTable(
                name: "pedido");

            migrationBuilder.DropTable(
                name: "producto");

            migrationBuilder.DropTable(
                name: "venta");

            migrationBuilder.DropTable(
                name: "cliente");
        }
    }
}
