using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Tracking;

internal sealed class WebhookInboxItemConfiguration : IEntityTypeConfiguration<WebhookInboxItem>
{
    public void Configure(EntityTypeBuilder<WebhookInboxItem> b)
    {
        b.ToTable("bandeja_webhook");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(i => i.Provider).HasColumnName("proveedor").HasMaxLength(32);
        b.Property(i => i.ReceivedAt).HasColumnName("recibido");
        b.Property(i => i.Body).HasColumnName("cuerpo");
        b.Property(i => i.SignedTimestamp).HasColumnName("marca_tiempo").HasMaxLength(32);
        b.Property(i => i.SignatureValid).HasColumnName("firma_valida");
        b.Property(i => i.Verification).HasColumnName("verificacion").HasMaxLength(500);
        b.Property(i => i.EventCount).HasColumnName("eventos");
        b.Property(i => i.AppliedAt).HasColumnName("aplicado");
        b.Property(i => i.TimesApplied).HasColumnName("veces_aplicado");
        b.Property(i => i.ApplyResult).HasColumnName("resultado");
        b.HasIndex(i => i.ReceivedAt).HasDatabaseName("ix_bandeja_webhook_recibido");
    }
}
