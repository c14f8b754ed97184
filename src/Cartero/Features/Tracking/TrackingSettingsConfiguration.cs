using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Tracking;

internal sealed class TrackingSettingsConfiguration : IEntityTypeConfiguration<TrackingSettings>
{
    public void Configure(EntityTypeBuilder<TrackingSettings> b)
    {
        b.ToTable("configuracion_seguimiento");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(s => s.SendGridWebhookEnabled).HasColumnName("webhook_sendgrid_activo");
        b.Property(s => s.SendGridPublicKey).HasColumnName("clave_publica_sendgrid").HasMaxLength(1000);
        b.Property(s => s.SendGridToleranceSeconds).HasColumnName("tolerancia_segundos");
        b.Property(s => s.PixelEnabled).HasColumnName("pixel_activo");
        b.Property(s => s.PixelOffTypes).HasColumnName("tipos_sin_pixel").HasMaxLength(2000);
        b.Property(s => s.UpdatedAt).HasColumnName("fecha_hora");
        b.Property(s => s.UpdatedBy).HasColumnName("actualizado_por").HasMaxLength(200);
    }
}
