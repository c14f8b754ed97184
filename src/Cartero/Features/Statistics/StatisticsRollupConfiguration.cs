using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Statistics;

internal sealed class StatisticsRollupConfiguration :
    IEntityTypeConfiguration<DailySendCount>, IEntityTypeConfiguration<DailyDomainCount>, IEntityTypeConfiguration<DailyFailureReason>,
    IEntityTypeConfiguration<StatisticsChange>
{
    public void Configure(EntityTypeBuilder<DailySendCount> b)
    {
        b.ToTable("estadistica_envio_diaria");
        b.HasKey(d => new { d.Day, d.Type, d.Status });
        b.Property(d => d.Day).HasColumnName("dia");
        b.Property(d => d.Type).HasColumnName("tipo_correo").HasMaxLength(64);
        b.Property(d => d.Status).HasColumnName("estado").HasMaxLength(16);
        b.Property(d => d.Count).HasColumnName("cantidad");
        b.Property(d => d.Transitions).HasColumnName("transiciones");
    }

    public void Configure(EntityTypeBuilder<DailyDomainCount> b)
    {
        b.ToTable("estadistica_dominio_diaria");
        b.HasKey(d => new { d.Day, d.Domain });
        b.Property(d => d.Day).HasColumnName("dia");
        b.Property(d => d.Domain).HasColumnName("dominio").HasMaxLength(320);
        b.Property(d => d.Failed).HasColumnName("fallidos");
        b.Property(d => d.Sent).HasColumnName("enviados");
        b.Property(d => d.TotalDurationMs).HasColumnName("duracion_total_ms");
        b.Property(d => d.MaxDurationMs).HasColumnName("duracion_max_ms");
    }

    public void Configure(EntityTypeBuilder<DailyFailureReason> b)
    {
        b.ToTable("estadistica_motivo_diaria");
        b.HasKey(d => new { d.Day, d.Reason });
        b.Property(d => d.Day).HasColumnName("dia");
        b.Property(d => d.Reason).HasColumnName("motivo").HasMaxLength(DailyFailureReason.MaxLength);
        b.Property(d => d.Count).HasColumnName("cantidad");
    }

    public void Configure(EntityTypeBuilder<StatisticsChange> b)
    {
        b.ToTable("estadistica_envio_cambio");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(c => c.Day).HasColumnName("dia");
        b.Property(c => c.Type).HasColumnName("tipo_correo").HasMaxLength(64);
        b.Property(c => c.Status).HasColumnName("estado").HasMaxLength(16);
        b.Property(c => c.Domain).HasColumnName("dominio").HasMaxLength(320);
        b.Property(c => c.Reason).HasColumnName("motivo").HasMaxLength(DailyFailureReason.MaxLength);
        b.Property(c => c.Count).HasColumnName("cantidad");
        b.Property(c => c.Transitions).HasColumnName("transiciones");
        b.Property(c => c.Failed).HasColumnName("fallidos");
        b.Property(c => c.Sent).HasColumnName("enviados");
        b.Property(c => c.DurationMs).HasColumnName("duracion_ms");
        b.Property(c => c.MaxDurationMs).HasColumnName("duracion_max_ms");
    }
}
