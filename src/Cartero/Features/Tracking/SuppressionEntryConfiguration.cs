using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Tracking;

internal sealed class SuppressionEntryConfiguration : IEntityTypeConfiguration<SuppressionEntry>
{
    public void Configure(EntityTypeBuilder<SuppressionEntry> b)
    {
        b.ToTable("lista_supresion");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(s => s.Address).HasColumnName("direccion").HasMaxLength(320);
        b.Property(s => s.Reason).HasColumnName("motivo").HasMaxLength(1000);
        b.Property(s => s.SourceEvent).HasColumnName("evento_origen").HasMaxLength(200);
        b.Property(s => s.AddedAt).HasColumnName("fecha_hora");
        b.Property(s => s.AddedBy).HasColumnName("agregado_por").HasMaxLength(200);
        b.HasIndex(s => s.Address).IsUnique().HasDatabaseName("ux_lista_supresion_direccion");
    }
}
