using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Invoicing.CreditNotes;

internal sealed class CreditNoteConfiguration :
    IEntityTypeConfiguration<CreditNote>,
    IEntityTypeConfiguration<CreditNoteLine>,
    IEntityTypeConfiguration<CreditNoteEvent>,
    IEntityTypeConfiguration<CreditNoteSequence>
{
    public void Configure(EntityTypeBuilder<CreditNote> b)
    {
        b.ToTable("nota_credito");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(n => n.InvoiceId).HasColumnName("id_factura");
        b.Property(n => n.CreatedAt).HasColumnName("fecha_hora");
        b.Property(n => n.Status).HasColumnName("estado").HasMaxLength(16)
            .HasConversion(s => s.ToCode(), s => InvoiceStatusCodes.Parse(s));
        b.Property(n => n.Environment).HasColumnName("ambiente").HasMaxLength(16);
        b.Property(n => n.Establishment).HasColumnName("establecimiento").HasMaxLength(3);
        b.Property(n => n.EmissionPoint).HasColumnName("punto_emision").HasMaxLength(3);
        b.Property(n => n.Sequential).HasColumnName("secuencial");
        b.Property(n => n.AccessKey).HasColumnName("clave_acceso").HasMaxLength(49);
        b.Property(n => n.IssueDate).HasColumnName("fecha_emision");
        b.Property(n => n.IssuerRuc).HasColumnName("ruc_emisor").HasMaxLength(13);
        b.Property(n => n.IssuerName).HasColumnName("razon_social_emisor").HasMaxLength(300);
        b.Property(n => n.BuyerIdType).HasColumnName("comprador_tipo_identificacion").HasMaxLength(2);
        b.Property(n => n.BuyerId).HasColumnName("comprador_identificacion").HasMaxLength(20);
        b.Property(n => n.BuyerName).HasColumnName("comprador_razon_social").HasMaxLength(300);
        b.Property(n => n.BuyerEmail).HasColumnName("comprador_correo").HasMaxLength(320);
        b.Property(n => n.CustomerId).HasColumnName("id_cliente").HasMaxLength(64);
        b.Property(n => n.InvoiceNumber).HasColumnName("num_doc_modificado").HasMaxLength(17);
        b.Property(n => n.Reason).HasColumnName("motivo").HasMaxLength(300);
        b.Property(n => n.Subtotal).HasColumnName("total_sin_impuestos").HasPrecision(16, 2);
        b.Property(n => n.Total).HasColumnName("valor_modificacion").HasPrecision(16, 2);
        b.Property(n => n.IdempotencyKey).HasColumnName("clave_idempotencia").HasMaxLength(200);
        b.Property(n => n.RequestHash).HasColumnName("hash_solicitud").HasMaxLength(64);
        b.Property(n => n.OriginatedBy).HasColumnName("originado_por").HasMaxLength(200);
        b.Property(n => n.GeneratedXml).HasColumnName("xml_generado");
        b.Property(n => n.SignedXml).HasColumnName("xml_firmado");
        b.Property(n => n.AuthorizedXml).HasColumnName("xml_autorizado");
        b.Property(n => n.AuthorizationNumber).HasColumnName("numero_autorizacion").HasMaxLength(49);
        b.Property(n => n.AuthorizedAt).HasColumnName("fecha_autorizacion");
        b.Property(n => n.SriAttempts).HasColumnName("intentos_sri");
        b.Property(n => n.NextAttemptAt).HasColumnName("proximo_intento");
        b.Property(n => n.LastError).HasColumnName("mensaje_error");
        b.Property(n => n.MailStatus).HasColumnName("estado_correo").HasMaxLength(16);
        b.Property(n => n.EmailId).HasColumnName("id_correo");
        b.Property(n => n.LeaseOwner).HasColumnName("lease_propietario").HasMaxLength(200);
        b.Property(n => n.LeaseExpiresAt).HasColumnName("lease_expira");
        b.Property(n => n.EventCount).HasColumnName("eventos_cantidad").IsConcurrencyToken();
        b.Property(n => n.EventsHead).HasColumnName("eventos_hash").HasMaxLength(64);
        b.Ignore(n => n.Number);
        b.HasOne<Invoice>().WithMany().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(n => n.Lines).WithOne().HasForeignKey(l => l.CreditNoteId);
        b.HasMany(n => n.Events).WithOne().HasForeignKey(e => e.CreditNoteId);
        b.HasIndex(n => n.AccessKey).IsUnique().HasDatabaseName("ux_nota_credito_clave_acceso");
        b.HasIndex(n => new { n.Environment, n.Establishment, n.EmissionPoint, n.Sequential }).IsUnique().HasDatabaseName("ux_nota_credito_secuencial");
        b.HasIndex(n => n.IdempotencyKey).IsUnique().HasDatabaseName("ux_nota_credito_clave_idempotencia");
        b.HasIndex(n => new { n.InvoiceId, n.Id }).HasDatabaseName("ix_nota_credito_factura");
        b.HasIndex(n => n.NextAttemptAt).HasDatabaseName("ix_nota_credito_pendientes");
    }

    public void Configure(EntityTypeBuilder<CreditNoteLine> b)
    {
        b.ToTable("nota_credito_linea");
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(l => l.CreditNoteId).HasColumnName("id_nota_credito");
        b.Property(l => l.InvoiceLine).HasColumnName("linea_factura");
        b.Property(l => l.Code).HasColumnName("codigo").HasMaxLength(25);
        b.Property(l => l.Description).HasColumnName("descripcion").HasMaxLength(300);
        b.Property(l => l.Quantity).HasColumnName("cantidad").HasPrecision(18, 6);
        b.Property(l => l.UnitPrice).HasColumnName("precio_unitario").HasPrecision(18, 6);
        b.Property(l => l.Discount).HasColumnName("descuento").HasPrecision(16, 2);
        b.Property(l => l.Subtotal).HasColumnName("precio_total_sin_impuesto").HasPrecision(16, 2);
        b.HasIndex(l => new { l.CreditNoteId, l.InvoiceLine }).IsUnique().HasDatabaseName("ux_nota_credito_linea");
    }

    public void Configure(EntityTypeBuilder<CreditNoteEvent> b)
    {
        b.ToTable("nota_credito_evento");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(e => e.CreditNoteId).HasColumnName("id_nota_credito");
        b.Property(e => e.OccurredAt).HasColumnName("fecha_hora");
        b.Property(e => e.Status).HasColumnName("estado").HasMaxLength(16)
            .HasConversion(s => s.ToCode(), s => InvoiceStatusCodes.Parse(s));
        b.Property(e => e.PreviousStatus).HasColumnName("estado_anterior").HasMaxLength(16)
            .HasConversion(s => s.HasValue ? s.Value.ToCode() : null, s => s == null ? null : InvoiceStatusCodes.Parse(s));
        b.Property(e => e.Detail).HasColumnName("detalle");
        b.Property(e => e.SriMessages).HasColumnName("mensajes_sri");
        b.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(200);
        b.Property(e => e.Sequence).HasColumnName("numero");
        b.Property(e => e.KeyId).HasColumnName("clave_id").HasMaxLength(64);
        b.Property(e => e.Hash).HasColumnName("hash").HasMaxLength(64);
        b.HasIndex(e => new { e.CreditNoteId, e.Id }).HasDatabaseName("ix_nota_credito_evento_nota");
    }

    public void Configure(EntityTypeBuilder<CreditNoteSequence> b)
    {
        b.ToTable("secuencial_nota_credito");
        b.HasKey(s => new { s.Environment, s.Establishment, s.EmissionPoint });
        b.Property(s => s.Environment).HasColumnName("ambiente").HasMaxLength(16);
        b.Property(s => s.Establishment).HasColumnName("establecimiento").HasMaxLength(3);
        b.Property(s => s.EmissionPoint).HasColumnName("punto_emision").HasMaxLength(3);
        b.Property(s => s.Next).HasColumnName("siguiente");
    }
}
