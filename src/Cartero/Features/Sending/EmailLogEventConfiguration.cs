using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Sending;

internal sealed class EmailLogEventConfiguration : IEntityTypeConfiguration<EmailLogEvent>
{
    public void Configure(EntityTypeBuilder<EmailLogEvent> b)
    {
        b.ToTable("log_envio_correo_evento");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(e => e.EmailId).HasColumnName("id_correo");
        b.Property(e => e.OccurredAt).HasColumnName("fecha_hora");
        b.Property(e => e.Status).HasColumnName("estado").HasMaxLength(16)
            .HasConversion(s => s.ToCode(), s => EmailStatusCodes.Parse(s));
        b.Property(e => e.PreviousStatus).HasColumnName("estado_anterior").HasMaxLength(16)
            .HasConversion(s => s.HasValue ? s.Value.ToCode() : null, s => s == null ? null : EmailStatusCodes.Parse(s));
        b.Property(e => e.Detail).HasColumnName("detalle");
        b.Property(e => e.Code).HasColumnName("codigo");
        b.Property(e => e.Provider).HasColumnName("proveedor").HasMaxLength(32);
        b.Property(e => e.DurationMs).HasColumnName("duracion_ms");
        b.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(200);
        b.Property(e => e.MessageSha256).HasColumnName("sha256_mensaje").HasMaxLength(64);
        b.Property(e => e.Recipient).HasColumnName("destinatario").HasMaxLength(320);
        b.Property(e => e.Kind).HasColumnName("tipo_evento").HasMaxLength(32);
        b.Property(e => e.Sequence).HasColumnName("numero");
        b.Property(e => e.KeyId).HasColumnName("clave_id").HasMaxLength(64);
        b.Property(e => e.Hash).HasColumnName("hash").HasMaxLength(64);
        b.HasIndex(e => new { e.EmailId, e.Id }).HasDatabaseName("ix_log_envio_correo_evento_correo");
    }
}
