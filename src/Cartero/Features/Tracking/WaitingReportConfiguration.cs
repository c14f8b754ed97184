using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Tracking;

internal sealed class WaitingReportConfiguration : IEntityTypeConfiguration<WaitingReport>
{
    public void Configure(EntityTypeBuilder<WaitingReport> b)
    {
        b.ToTable("log_envio_correo_reporte_en_espera");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(r => r.EmailId).HasColumnName("id_correo");
        b.Property(r => r.Kind).HasColumnName("tipo").HasMaxLength(32);
        b.Property(r => r.OccurredAt).HasColumnName("fecha_hora");
        b.Property(r => r.ContentHash).HasColumnName("hash_contenido").HasMaxLength(64);
        b.Property(r => r.Report).HasColumnName("reporte");
        b.Property(r => r.ReceivedAt).HasColumnName("recibido");
        b.HasOne<Sending.EmailLogEntry>().WithMany().HasForeignKey(r => r.EmailId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.EmailId, r.Kind, r.OccurredAt, r.ContentHash }).IsUnique().HasDatabaseName("ux_log_envio_correo_reporte_en_espera_unico");
        b.HasIndex(r => r.ReceivedAt).HasDatabaseName("ix_log_envio_correo_reporte_en_espera_recibido");
    }
}
