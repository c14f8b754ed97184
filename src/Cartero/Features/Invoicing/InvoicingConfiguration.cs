using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Invoicing;

internal sealed class InvoicingConfiguration :
    IEntityTypeConfiguration<Invoice>,
    IEntityTypeConfiguration<InvoiceEvent>,
    IEntityTypeConfiguration<InvoiceSequence>,
    IEntityTypeConfiguration<InvoicingSettings>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("factura");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(i => i.CreatedAt).HasColumnName("fecha_hora");
        b.Property(i => i.Status).HasColumnName("estado").HasMaxLength(16)
            .HasConversion(s => s.ToCode(), s => InvoiceStatusCodes.Parse(s));
        b.Property(i => i.Environment).HasColumnName("ambiente").HasMaxLength(16);
        b.Property(i => i.Establishment).HasColumnName("establecimiento").HasMaxLength(3);
        b.Property(i => i.EmissionPoint).HasColumnName("punto_emision").HasMaxLength(3);
        b.Property(i => i.Sequential).HasColumnName("secuencial");
        b.Property(i => i.AccessKey).HasColumnName("clave_acceso").HasMaxLength(49);
        b.Property(i => i.IssueDate).HasColumnName("fecha_emision");
        b.Property(i => i.IssuerRuc).HasColumnName("ruc_emisor").HasMaxLength(13);
        b.Property(i => i.IssuerName).HasColumnName("razon_social_emisor").HasMaxLength(300);
        b.Property(i => i.BuyerIdType).HasColumnName("comprador_tipo_identificacion").HasMaxLength(2);
        b.Property(i => i.BuyerId).HasColumnName("comprador_identificacion").HasMaxLength(20);
        b.Property(i => i.BuyerName).HasColumnName("comprador_razon_social").HasMaxLength(300);
        b.Property(i => i.BuyerEmail).HasColumnName("comprador_correo").HasMaxLength(320);
        b.Property(i => i.CustomerId).HasColumnName("id_cliente").HasMaxLength(64);
        b.Property(i => i.Total).HasColumnName("importe_total").HasPrecision(16, 2);
        b.Property(i => i.ExternalReference).HasColumnName("referencia_externa").HasMaxLength(100);
        b.Property(i => i.IdempotencyKey).HasColumnName("clave_idempotencia").HasMaxLength(200);
        b.Property(i => i.RequestHash).HasColumnName("hash_solicitud").HasMaxLength(64);
        b.Property(i => i.OriginatedBy).HasColumnName("originado_por").HasMaxLength(200);
        b.Property(i => i.GeneratedXml).HasColumnName("xml_generado");
        b.Property(i => i.SignedXml).HasColumnName("xml_firmado");
        b.Property(i => i.AuthorizedXml).HasColumnName("xml_autorizado");
        b.Property(i => i.AuthorizationNumber).HasColumnName("numero_autorizacion").HasMaxLength(49);
        b.Property(i => i.AuthorizedAt).HasColumnName("fecha_autorizacion");
        b.Property(i => i.SriAttempts).HasColumnName("intentos_sri");
        b.Property(i => i.NextAttemptAt).HasColumnName("proximo_intento");
        b.Property(i => i.LastError).HasColumnName("mensaje_error");
        b.Property(i => i.MailStatus).HasColumnName("estado_correo").HasMaxLength(16);
        b.Property(i => i.EmailId).HasColumnName("id_correo");
        b.Property(i => i.LeaseOwner).HasColumnName("lease_propietario").HasMaxLength(200);
        b.Property(i => i.LeaseExpiresAt).HasColumnName("lease_expira");
        // The count is also the optimistic guard: two writers that read the same head cannot both extend the chain.
        b.Property(x => x.EventCount).HasColumnName("eventos_cantidad").IsConcurrencyToken();
        b.Property(x => x.EventsHead).HasColumnName("eventos_hash").HasMaxLength(64);
        b.Ignore(i => i.Number);
        b.HasMany(i => i.Events).WithOne().HasForeignKey(e => e.InvoiceId);
        b.HasIndex(i => i.AccessKey).IsUnique().HasDatabaseName("ux_factura_clave_acceso");
        b.HasIndex(i => new { i.Environment, i.Establishment, i.EmissionPoint, i.Sequential }).IsUnique().HasDatabaseName("ux_factura_secuencial");
        b.HasIndex(i => i.IdempotencyKey).IsUnique().HasDatabaseName("ux_factura_clave_idempotencia");
        b.HasIndex(i => new { i.CreatedAt, i.Id }).HasDatabaseName("ix_factura_fecha_hora");
        b.HasIndex(i => i.ExternalReference).HasDatabaseName("ix_factura_referencia_externa");
        b.HasIndex(i => i.NextAttemptAt).HasDatabaseName("ix_factura_pendientes");
    }

    public void Configure(EntityTypeBuilder<InvoiceEvent> b)
    {
        b.ToTable("factura_evento");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(e => e.InvoiceId).HasColumnName("id_factura");
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
        b.HasIndex(e => new { e.InvoiceId, e.Id }).HasDatabaseName("ix_factura_evento_factura");
    }

    public void Configure(EntityTypeBuilder<InvoiceSequence> b)
    {
        b.ToTable("secuencial_factura");
        b.HasKey(s => new { s.Environment, s.Establishment, s.EmissionPoint });
        b.Property(s => s.Environment).HasColumnName("ambiente").HasMaxLength(16);
        b.Property(s => s.Establishment).HasColumnName("establecimiento").HasMaxLength(3);
        b.Property(s => s.EmissionPoint).HasColumnName("punto_emision").HasMaxLength(3);
        b.Property(s => s.Next).HasColumnName("siguiente");
    }

    public void Configure(EntityTypeBuilder<InvoicingSettings> b)
    {
        b.ToTable("configuracion_facturacion");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(s => s.Ruc).HasColumnName("ruc").HasMaxLength(13);
        b.Property(s => s.BusinessName).HasColumnName("razon_social").HasMaxLength(300);
        b.Property(s => s.TradeName).HasColumnName("nombre_comercial").HasMaxLength(300);
        b.Property(s => s.HeadOfficeAddress).HasColumnName("direccion_matriz").HasMaxLength(300);
        b.Property(s => s.EstablishmentAddress).HasColumnName("direccion_establecimiento").HasMaxLength(300);
        b.Property(s => s.KeepsAccounts).HasColumnName("obligado_contabilidad");
        b.Property(s => s.SpecialTaxpayer).HasColumnName("contribuyente_especial").HasMaxLength(13);
        b.Property(s => s.Rimpe).HasColumnName("contribuyente_rimpe");
        b.Property(s => s.WithholdingAgent).HasColumnName("agente_retencion").HasMaxLength(8);
        b.Property(s => s.Establishment).HasColumnName("establecimiento").HasMaxLength(3);
        b.Property(s => s.EmissionPoint).HasColumnName("punto_emision").HasMaxLength(3);
        b.Property(s => s.Environment).HasColumnName("ambiente").HasMaxLength(16);
        b.Property(s => s.CertificateEncrypted).HasColumnName("certificado_cifrado");
        b.Property(s => s.CertificatePasswordEncrypted).HasColumnName("contrasena_certificado_cifrada");
        b.Property(s => s.CertificateSubject).HasColumnName("certificado_sujeto").HasMaxLength(500);
        b.Property(s => s.CertificateIssuer).HasColumnName("certificado_emisor").HasMaxLength(500);
        b.Property(s => s.CertificateNotAfter).HasColumnName("certificado_vence");
        b.Property(s => s.Logo).HasColumnName("logo");
        b.Property(s => s.LogoContentType).HasColumnName("logo_tipo").HasMaxLength(32);
        b.Property(s => s.UpdatedAt).HasColumnName("fecha_hora");
        b.Property(s => s.UpdatedBy).HasColumnName("actualizado_por").HasMaxLength(200);
        b.Property(s => s.Version).HasColumnName("version").IsConcurrencyToken();
    }
}
