using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Clinical;

internal sealed class ClinicalConfiguration : IEntityTypeConfiguration<ClinicalConsent>, IEntityTypeConfiguration<ClinicalDocument>
{
    public void Configure(EntityTypeBuilder<ClinicalConsent> b)
    {
        b.ToTable("consentimiento_clinico");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(c => c.CustomerId).HasColumnName("cliente_id");
        b.Property(c => c.Method).HasColumnName("medio").HasMaxLength(40);
        b.Property(c => c.RecordedAt).HasColumnName("registrado_en");
        b.Property(c => c.RecordedBy).HasColumnName("registrado_por").HasMaxLength(256);
        b.Property(c => c.WithdrawnAt).HasColumnName("retirado_en");
        b.Property(c => c.WithdrawnBy).HasColumnName("retirado_por").HasMaxLength(256);
        b.HasIndex(c => c.CustomerId).HasDatabaseName("ix_consentimiento_clinico_cliente");
        b.HasOne<Cartero.Features.Store.Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ClinicalDocument> b)
    {
        b.ToTable("documento_clinico");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(d => d.CustomerId).HasColumnName("cliente_id");
        b.Property(d => d.Kind).HasColumnName("tipo").HasMaxLength(20);
        b.Property(d => d.ProtectedContent).HasColumnName("contenido_cifrado");
        b.Property(d => d.CreatedAt).HasColumnName("creado_en");
        b.Property(d => d.CreatedBy).HasColumnName("creado_por").HasMaxLength(256);
        b.Property(d => d.EmailId).HasColumnName("id_correo");
        b.Property(d => d.VoidedAt).HasColumnName("anulado_en");
        b.Property(d => d.VoidedBy).HasColumnName("anulado_por").HasMaxLength(256);
        b.Property(d => d.VoidReason).HasColumnName("motivo_anulacion").HasMaxLength(ClinicalDocuments.MaxVoidReasonLength);
        b.HasIndex(d => d.CustomerId).HasDatabaseName("ix_documento_clinico_cliente");
        b.HasOne<Cartero.Features.Store.Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
