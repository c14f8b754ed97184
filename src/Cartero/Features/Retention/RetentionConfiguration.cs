using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Retention;

internal sealed class RetentionConfiguration : IEntityTypeConfiguration<RetentionTerm>
{
    public void Configure(EntityTypeBuilder<RetentionTerm> b)
    {
        b.ToTable("retencion_contenido");
        b.HasKey(t => t.Type);
        b.Property(t => t.Type).HasColumnName("tipo_correo").HasMaxLength(64);
        b.Property(t => t.Days).HasColumnName("dias");
        b.Property(t => t.UpdatedAt).HasColumnName("actualizado_en");
        b.Property(t => t.UpdatedBy).HasColumnName("actualizado_por").HasMaxLength(200);
    }
}
