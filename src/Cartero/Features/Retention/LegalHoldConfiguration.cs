using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Retention;

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> b)
    {
        b.ToTable("retencion_legal");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).HasColumnName("id");
        b.Property(h => h.EntityType).HasColumnName("entidad_tipo").HasMaxLength(64);
        b.Property(h => h.EntityId).HasColumnName("entidad_id").HasMaxLength(200);
        b.Property(h => h.Reason).HasColumnName("motivo").HasMaxLength(500);
        b.Property(h => h.PlacedAt).HasColumnName("creada_en");
        b.Property(h => h.PlacedBy).HasColumnName("creada_por").HasMaxLength(200);
        b.Property(h => h.ReleasedAt).HasColumnName("levantada_en");
        b.Property(h => h.ReleasedBy).HasColumnName("levantada_por").HasMaxLength(200);
        b.HasIndex(h => new { h.EntityType, h.EntityId }).HasDatabaseName("ix_retencion_legal_entidad");
    }
}
