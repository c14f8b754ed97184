using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Tracking;

internal sealed class DeliveryReportRecordConfiguration : IEntityTypeConfiguration<DeliveryReportRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryReportRecord> b)
    {
        b.ToTable("log_envio_correo_reporte");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(r => r.EmailId).HasColumnName("id_correo");
        b.Property(r => r.Kind).HasColumnName("tipo").HasMaxLength(32);
        b.Property(r => r.Source).HasColumnName("origen").HasMaxLength(16);
        b.Property(r => r.OccurredAt).HasColumnName("fecha_hora");
        b.Property(r => r.ReceivedAt).HasColumnName("recibido");
        b.Property(r => r.Reason).HasColumnName("motivo");
        b.Property(r => r.StatusCode).HasColumnName("codigo_estado").HasMaxLength(DeliveryReportRecord.StatusCodeLength);
        b.Property(r => r.ServerText).HasColumnName("respuesta_servidor");
        b.Property(r => r.RemoteMta).HasColumnName("mta_remoto").HasMaxLength(DeliveryReportRecord.RemoteMtaLength);
        b.Property(r => r.ContentHash).HasColumnName("hash_contenido").HasMaxLength(64);
        b.Property(r => r.EventSequence).HasColumnName("numero_evento");
        b.HasOne<Sending.EmailLogEntry>().WithMany().HasForeignKey(r => r.EmailId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.EmailId, r.Kind, r.OccurredAt, r.ContentHash }).IsUnique().HasDatabaseName("ux_log_envio_correo_reporte_unico");
    }
}
