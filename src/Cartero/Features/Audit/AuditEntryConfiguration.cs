using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("log_auditoria");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(a => a.OccurredAt).HasColumnName("fecha_hora");
        b.Property(a => a.Actor).HasColumnName("actor").HasMaxLength(200);
        b.Property(a => a.ActorIp).HasColumnName("ip").HasMaxLength(64);
        b.Property(a => a.Action).HasColumnName("accion").HasMaxLength(64);
        b.Property(a => a.Target).HasColumnName("objeto").HasMaxLength(200);
        b.Property(a => a.Details).HasColumnName("detalle");
        b.Property(a => a.PreviousHash).HasColumnName("hash_anterior").HasMaxLength(64);
        b.Property(a => a.Hash).HasColumnName("hash").HasMaxLength(64);
        b.Property(a => a.KeyId).HasColumnName("clave_id").HasMaxLength(64);
        b.HasIndex(a => a.OccurredAt).HasDatabaseName("ix_log_auditoria_fecha_hora");
    }
}
