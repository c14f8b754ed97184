using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cartero.Platform.Auth;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("clave_api");
        b.HasKey(k => k.Id);
        b.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(k => k.Name).HasColumnName("nombre").HasMaxLength(100);
        b.Property(k => k.Prefix).HasColumnName("prefijo").HasMaxLength(16);
        b.Property(k => k.Hash).HasColumnName("hash").HasMaxLength(64);
        b.Property(k => k.IsAdmin).HasColumnName("es_admin");
        b.Property(k => k.CreatedAt).HasColumnName("creada_en");
        b.Property(k => k.CreatedBy).HasColumnName("creada_por").HasMaxLength(200);
        b.Property(k => k.RevokedAt).HasColumnName("revocada_en");
        b.Property(k => k.LastUsedAt).HasColumnName("ultimo_uso");
        b.HasIndex(k => k.Hash).IsUnique().HasDatabaseName("ux_clave_api_hash");
        b.HasIndex(k => k.Name).HasDatabaseName("ix_clave_api_nombre");
    }
}
