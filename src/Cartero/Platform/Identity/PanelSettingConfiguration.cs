using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Platform.Identity;

internal sealed class PanelSettingConfiguration : IEntityTypeConfiguration<PanelSetting>
{
    public void Configure(EntityTypeBuilder<PanelSetting> b)
    {
        b.ToTable("ajuste_panel");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasColumnName("clave").HasMaxLength(64);
        b.Property(s => s.Value).HasColumnName("valor").HasMaxLength(2000);
        b.Property(s => s.UpdatedAt).HasColumnName("fecha_hora");
        b.Property(s => s.UpdatedBy).HasColumnName("actualizado_por").HasMaxLength(200);
    }
}
