using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Store;

internal sealed class StoreConfiguration :
    IEntityTypeConfiguration<Customer>,
    IEntityTypeConfiguration<Product>,
    IEntityTypeConfiguration<Sale>,
    IEntityTypeConfiguration<SaleLine>,
    IEntityTypeConfiguration<SalePayment>,
    IEntityTypeConfiguration<LensOrder>,
    IEntityTypeConfiguration<LensOrderEvent>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("cliente");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(c => c.Names).HasColumnName("nombres").HasMaxLength(300);
        b.Property(c => c.IdType).HasColumnName("tipo_identificacion").HasMaxLength(20);
        b.Property(c => c.IdNumber).HasColumnName("identificacion").HasMaxLength(20);
        b.Property(c => c.Email).HasColumnName("correo").HasMaxLength(320);
        b.Property(c => c.Phone).HasColumnName("telefono").HasMaxLength(40);
        b.Property(c => c.Address).HasColumnName("direccion").HasMaxLength(300);
        b.Property(c => c.UserId).HasColumnName("usuario_id");
        b.Property(c => c.CreatedAt).HasColumnName("creado_en");
        b.Property(c => c.UpdatedAt).HasColumnName("actualizado_en");
        b.HasIndex(c => new { c.IdType, c.IdNumber }).IsUnique().HasDatabaseName("ux_cliente_identificacion");
        b.HasIndex(c => c.Email).HasDatabaseName("ix_cliente_correo");
        b.HasIndex(c => c.UserId).HasDatabaseName("ix_cliente_usuario");
    }

    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("producto", t => t.HasCheckConstraint("ck_producto_minimo", "stock_minimo >= 0"));
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(p => p.Code).HasColumnName("codigo").HasMaxLength(25);
        b.Property(p => p.Description).HasColumnName("descripcion").HasMaxLength(300);
        b.Property(p => p.Category).HasColumnName("categoria").HasMaxLength(20);
        b.Property(p => p.Price).HasColumnName("precio").HasPrecision(14, 2);
        b.Property(p => p.TaxRateCode).HasColumnName("codigo_tarifa_iva").HasMaxLength(2);
        b.Property(p => p.Stock).HasColumnName("stock");
        b.Property(p => p.MinimumStock).HasColumnName("stock_minimo");
        b.Property(p => p.StockAlertSent).HasColumnName("alerta_stock_enviada");
        b.Property(p => p.UpdatedAt).HasColumnName("actualizado_en");
        b.HasIndex(p => p.Code).IsUnique().HasDatabaseName("ux_producto_codigo");
    }

    public void Configure(EntityTypeBuilder<Sale> b)
    {
        b.ToTable("venta");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(s => s.CreatedAt).HasColumnName("fecha_hora");
        b.Property(s => s.SellerId).HasColumnName("vendedor_id");
        b.Property(s => s.SellerName).HasColumnName("vendedor").HasMaxLength(256);
        b.Property(s => s.CustomerId).HasColumnName("cliente_id");
        b.Property(s => s.Subtotal).HasColumnName("subtotal").HasPrecision(14, 2);
        b.Property(s => s.Discount).HasColumnName("descuento").HasPrecision(14, 2);
        b.Property(s => s.Tax).HasColumnName("iva").HasPrecision(14, 2);
        b.Property(s => s.Total).HasColumnName("total").HasPrecision(14, 2);
        b.Property(s => s.SendMail).HasColumnName("enviar_correo");
        b.Property(s => s.MailAddress).HasColumnName("correo_destino").HasMaxLength(320);
        b.Property(s => s.StockOverride).HasColumnName("stock_negativo_autorizado");
        b.Property(s => s.InvoiceId).HasColumnName("factura_id");
        b.Property(s => s.InvoiceError).HasColumnName("factura_error");
        b.Property(s => s.EmailId).HasColumnName("correo_id");
        b.Ignore(s => s.Number);
        b.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SaleId);
        b.HasMany(s => s.Payments).WithOne().HasForeignKey(p => p.SaleId);
        b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.SellerId, s.CreatedAt }).HasDatabaseName("ix_venta_vendedor");
        b.HasIndex(s => s.CustomerId).HasDatabaseName("ix_venta_cliente");
        b.HasIndex(s => s.InvoiceId).HasDatabaseName("ix_venta_factura");
    }

    public void Configure(EntityTypeBuilder<SaleLine> b)
    {
        b.ToTable("venta_linea");
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(l => l.SaleId).HasColumnName("venta_id");
        b.Property(l => l.ProductId).HasColumnName("producto_id");
        b.Property(l => l.Code).HasColumnName("codigo").HasMaxLength(25);
        b.Property(l => l.Description).HasColumnName("descripcion").HasMaxLength(300);
        b.Property(l => l.Quantity).HasColumnName("cantidad");
        b.Property(l => l.UnitPrice).HasColumnName("precio_unitario").HasPrecision(14, 2);
        b.Property(l => l.Discount).HasColumnName("descuento").HasPrecision(14, 2);
        b.Property(l => l.TaxRateCode).HasColumnName("codigo_tarifa_iva").HasMaxLength(2);
        b.Property(l => l.TaxRate).HasColumnName("tarifa_iva").HasPrecision(5, 2);
        b.Property(l => l.LineTotal).HasColumnName("precio_total_sin_impuesto").HasPrecision(14, 2);
        b.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<SalePayment> b)
    {
        b.ToTable("venta_pago");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(p => p.SaleId).HasColumnName("venta_id");
        b.Property(p => p.Method).HasColumnName("forma_pago").HasMaxLength(2);
        b.Property(p => p.Amount).HasColumnName("total").HasPrecision(14, 2);
    }

    public void Configure(EntityTypeBuilder<LensOrder> b)
    {
        b.ToTable("pedido");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(o => o.CreatedAt).HasColumnName("fecha_hora");
        b.Property(o => o.SaleId).HasColumnName("venta_id");
        b.Property(o => o.CustomerId).HasColumnName("cliente_id");
        b.Property(o => o.PrescriptionReference).HasColumnName("receta_referencia").HasMaxLength(100);
        b.Property(o => o.Laboratory).HasColumnName("laboratorio").HasMaxLength(200);
        b.Property(o => o.Status).HasColumnName("estado").HasMaxLength(20);
        b.Property(o => o.EstimatedDate).HasColumnName("fecha_estimada");
        b.Property(o => o.ReadyMailSent).HasColumnName("aviso_listo_enviado");
        b.Property(o => o.ReadyEmailId).HasColumnName("aviso_listo_correo_id");
        b.Ignore(o => o.Number);
        b.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.OrderId);
        b.HasOne<Sale>().WithMany().HasForeignKey(o => o.SaleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.Status, o.CreatedAt }).HasDatabaseName("ix_pedido_estado");
    }

    public void Configure(EntityTypeBuilder<LensOrderEvent> b)
    {
        b.ToTable("pedido_evento");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(e => e.OrderId).HasColumnName("pedido_id");
        b.Property(e => e.OccurredAt).HasColumnName("fecha_hora");
        b.Property(e => e.Status).HasColumnName("estado").HasMaxLength(20);
        b.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(256);
        b.Property(e => e.Detail).HasColumnName("detalle").HasMaxLength(500);
    }
}
