using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Tracking.Bounces;

internal sealed class BounceMailboxStatusConfiguration : IEntityTypeConfiguration<BounceMailboxStatus>
{
    public void Configure(EntityTypeBuilder<BounceMailboxStatus> b)
    {
        b.ToTable("estado_buzon_rebotes");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(s => s.LastRunAt).HasColumnName("ultima_revision");
        b.Property(s => s.LastRunSucceeded).HasColumnName("ultima_revision_correcta");
        b.Property(s => s.Read).HasColumnName("leidos");
        b.Property(s => s.HardBounces).HasColumnName("rebotes_definitivos");
        b.Property(s => s.SoftBounces).HasColumnName("rebotes_temporales");
        b.Property(s => s.AutoReplies).HasColumnName("respuestas_automaticas");
        b.Property(s => s.Unmatched).HasColumnName("sin_coincidencia");
        b.Property(s => s.Deferred).HasColumnName("pendientes");
        b.Property(s => s.LastError).HasColumnName("mensaje_error").HasMaxLength(2000);
        b.Property(s => s.LastErrorAt).HasColumnName("mensaje_error_en");
    }
}
