using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Features.Settings;

internal sealed class MailAccountSettingsConfiguration : IEntityTypeConfiguration<MailAccountSettings>
{
    public void Configure(EntityTypeBuilder<MailAccountSettings> b)
    {
        b.ToTable("configuracion_correo");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(s => s.Provider).HasColumnName("proveedor").HasMaxLength(32);
        b.Property(s => s.Host).HasColumnName("servidor").HasMaxLength(255);
        b.Property(s => s.Port).HasColumnName("puerto");
        b.Property(s => s.Security).HasColumnName("seguridad").HasMaxLength(16);
        b.Property(s => s.Username).HasColumnName("usuario").HasMaxLength(255);
        b.Property(s => s.PasswordEncrypted).HasColumnName("contrasena_cifrada");
        b.Property(s => s.ApiKeyEncrypted).HasColumnName("clave_api_cifrada");
        b.Property(s => s.ApiKeyLast4).HasColumnName("clave_api_ultimos4").HasMaxLength(4);
        b.Property(s => s.SendGridBaseUrl).HasColumnName("sendgrid_url").HasMaxLength(500);
        b.Property(s => s.TrustedCertificateSha256).HasColumnName("certificado_confiable_sha256").HasMaxLength(64);
        b.Property(s => s.FromAddress).HasColumnName("remitente_correo").HasMaxLength(320);
        b.Property(s => s.FromName).HasColumnName("remitente_nombre").HasMaxLength(200);
        b.Property(s => s.ReplyTo).HasColumnName("responder_a").HasMaxLength(320);
        b.Property(s => s.ReturnPath).HasColumnName("ruta_retorno").HasMaxLength(320);
        b.Property(s => s.BounceEnabled).HasColumnName("buzon_rebotes_habilitado");
        b.Property(s => s.BounceHost).HasColumnName("buzon_rebotes_servidor").HasMaxLength(255);
        b.Property(s => s.BouncePort).HasColumnName("buzon_rebotes_puerto");
        b.Property(s => s.BounceSecurity).HasColumnName("buzon_rebotes_seguridad").HasMaxLength(16).HasDefaultValue("auto");
        b.Property(s => s.BounceUsername).HasColumnName("buzon_rebotes_usuario").HasMaxLength(255);
        b.Property(s => s.BouncePasswordEncrypted).HasColumnName("buzon_rebotes_contrasena_cifrada");
        b.Property(s => s.BounceFolder).HasColumnName("buzon_rebotes_carpeta").HasMaxLength(255);
        b.Property(s => s.UpdatedAt).HasColumnName("actualizado_en");
        b.Property(s => s.UpdatedBy).HasColumnName("actualizado_por").HasMaxLength(200);
        b.Property(s => s.Version).HasColumnName("version").IsConcurrencyToken();
    }
}
